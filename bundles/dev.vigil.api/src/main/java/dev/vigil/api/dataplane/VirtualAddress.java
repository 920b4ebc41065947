package dev.vigil.api.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One virtual address as keepalived's {@code virtual_ipaddress} describes it:
 * {@code ADDR[/LEN] [dev IF] [label L]}.
 *
 * @param address the address
 * @param prefixLength 32 (or 128) when not given, as keepalived does
 * @param device the interface it goes on (the instance's interface when not given)
 * @param label an IPv4 label such as {@code eth0:1}, or null
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, String label) {

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max);
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + device + (label == null ? "" : " label " + label);
    }
}
