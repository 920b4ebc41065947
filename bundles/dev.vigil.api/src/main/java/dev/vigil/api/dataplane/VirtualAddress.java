package dev.vigil.api.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One virtual address as keepalived's {@code virtual_ipaddress} describes it:
 * {@code ADDR[/LEN] [dev IF] [label L] [peer P] [brd B] [scope S] [flags] [preferred_lft N]}.
 *
 * @param address the address
 * @param prefixLength 32 (or 128) when not given, as keepalived does; with a peer, the peer's
 * @param device the interface it goes on (the instance's interface when not given)
 * @param label an IPv4 label such as {@code eth0:1}, or null
 * @param options peer, broadcast, scope, flags and lifetime; {@link AddressOptions#NONE} by default
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, String label,
        AddressOptions options) {

    /** An address without options. */
    public VirtualAddress(InetAddress address, int prefixLength, String device, String label) {
        this(address, prefixLength, device, label, AddressOptions.NONE);
    }

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max);
        }
        if (options.peer() != null && options.peer().getClass() != address.getClass()) {
            throw new IllegalArgumentException("peer " + options.peer().getHostAddress() + " is not of the family of "
                    + address.getHostAddress());
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + device + (label == null ? "" : " label " + label)
                + options;
    }
}
