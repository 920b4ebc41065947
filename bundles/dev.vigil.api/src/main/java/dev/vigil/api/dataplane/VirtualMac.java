package dev.vigil.api.dataplane;

import java.util.Objects;

/**
 * A VRRP virtual MAC interface, keepalived's {@code use_vmac}: a macvlan on the instance's
 * interface that carries the virtual router's MAC address (RFC 5798 §7.3), so adverts and
 * gratuitous ARPs of the master come from that MAC and a failover needs no ARP cache update.
 *
 * @param name the interface name ({@code vrrp.VRID} unless configured)
 * @param parent the instance's interface the macvlan sits on
 * @param virtualRouterId the VRID, the last byte of the MAC
 * @param ipv6 whether the instance is IPv6 (MAC 00:00:5e:00:02:VRID, else 00:00:5e:00:01:VRID)
 */
public record VirtualMac(String name, String parent, int virtualRouterId, boolean ipv6) {

    /** Linux's IFNAMSIZ less the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;

    public VirtualMac {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("interface name '" + name + "' must have 1 to " + MAX_NAME_LENGTH
                    + " characters");
        }
        if (name.equals(parent)) {
            throw new IllegalArgumentException("the VMAC interface " + name + " cannot be its own parent");
        }
        if (virtualRouterId < 1 || virtualRouterId > 255) {
            throw new IllegalArgumentException("virtual router id " + virtualRouterId + " out of range 1-255");
        }
    }

    /** keepalived's default name for a VMAC of {@code vrid}. */
    public static String defaultName(int vrid) {
        return "vrrp." + vrid;
    }

    /** The virtual router MAC address: 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6). */
    public byte[] macAddress() {
        return new byte[] {0x00, 0x00, 0x5e, 0x00, (byte) (ipv6 ? 0x02 : 0x01), (byte) virtualRouterId};
    }

    /** The MAC as {@code ip link} prints it. */
    public String macText() {
        byte[] mac = macAddress();
        StringBuilder s = new StringBuilder();
        for (byte b : mac) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return name + " (macvlan " + macText() + " on " + parent + ")";
    }
}
