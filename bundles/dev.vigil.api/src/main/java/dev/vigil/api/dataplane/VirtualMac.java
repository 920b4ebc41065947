package dev.vigil.api.dataplane;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A VRRP virtual interface on the instance's interface. Usually keepalived's {@code use_vmac}: a
 * macvlan that carries the virtual router's MAC address (RFC 5798 §7.3), so adverts and
 * gratuitous ARPs of the master come from that MAC and a failover needs no ARP cache update.
 * With {@link #ipvlan()} (since SPI 1.4) it is keepalived's {@code use_ipvlan} instead: an L2
 * ipvlan, which shares its parent's MAC and carries an address of its own, for the NICs and
 * clouds that accept no second MAC.
 *
 * @param name the interface name ({@code vrrp.VRID} unless configured)
 * @param parent the instance's interface the macvlan or ipvlan sits on
 * @param virtualRouterId the VRID, the last byte of the MAC
 * @param ipv6 whether the instance is IPv6 (MAC 00:00:5e:00:02:VRID, else 00:00:5e:00:01:VRID)
 * @param ipvlan the ipvlan's settings; null for a macvlan VMAC
 * @param address a macvlan's own MAC, {@code xx:xx:xx:xx:xx:xx} (keepalived's {@code use_vmac MAC},
 *                since SPI 1.4); null for RFC 5798's virtual router MAC
 * @param group the interface's link group ({@code use_vmac ... group ID}, since SPI 1.4); null for
 *              its parent's, as keepalived makes it
 */
public record VirtualMac(String name, String parent, int virtualRouterId, boolean ipv6, Ipvlan ipvlan,
        String address, Integer group) {

    /** What the interface is made of. */
    public enum Kind {
        MACVLAN, IPVLAN
    }

    /** An ipvlan's flags beside its L2 mode, as {@code ip link ... type ipvlan mode l2 bridge|private|vepa}. */
    public enum IpvlanMode {
        /** The slaves of a parent talk to each other directly (keepalived's default). */
        BRIDGE,
        /** The slaves of a parent cannot talk to each other. */
        PRIVATE,
        /** Traffic between the slaves goes out to the switch and back. */
        VEPA
    }

    /**
     * The ipvlan part of a {@code use_ipvlan} interface.
     *
     * @param mode bridge, private or vepa
     * @param address the address put on the ipvlan (the instance's source address); null only
     *                for IPv6, which then uses the ipvlan's link-local address
     * @param prefixLength the address's prefix length
     */
    public record Ipvlan(IpvlanMode mode, InetAddress address, int prefixLength) {

        public Ipvlan {
            Objects.requireNonNull(mode, "mode");
            int max = address == null || address.getAddress().length == 4 ? 32 : 128;
            if (prefixLength < 0 || prefixLength > max) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max);
            }
        }

        @Override
        public String toString() {
            return mode.name().toLowerCase(Locale.ROOT)
                    + (address == null ? "" : " " + address.getHostAddress() + "/" + prefixLength);
        }
    }

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
        if (ipvlan != null && ipvlan.address() != null && (ipvlan.address().getAddress().length == 16) != ipv6) {
            throw new IllegalArgumentException("the ipvlan address " + ipvlan.address().getHostAddress()
                    + " is not of the instance's family");
        }
        if (ipvlan != null && ipvlan.address() == null && !ipv6) {
            throw new IllegalArgumentException("an IPv4 ipvlan needs an address");
        }
        if (group != null && group < 0) {
            throw new IllegalArgumentException("link group " + group + " must not be negative");
        }
        if (address != null) {
            byte[] mac = parseMac(address);
            if ((mac[0] & 0x01) != 0) {
                throw new IllegalArgumentException("VMAC MAC address " + address + " is multicast");
            }
            if (ipvlan != null) {
                throw new IllegalArgumentException("an ipvlan has its parent's MAC; no address can be given");
            }
        }
    }

    /** An ipvlan, or a macvlan with the RFC 5798 MAC: as SPI 1.4 first knew it. */
    public VirtualMac(String name, String parent, int virtualRouterId, boolean ipv6, Ipvlan ipvlan) {
        this(name, parent, virtualRouterId, ipv6, ipvlan, null, null);
    }

    /** In its parent's link group. */
    public VirtualMac(String name, String parent, int virtualRouterId, boolean ipv6, Ipvlan ipvlan, String address) {
        this(name, parent, virtualRouterId, ipv6, ipvlan, address, null);
    }

    /** A macvlan VMAC, as SPI 1.2 and 1.3 knew it. */
    public VirtualMac(String name, String parent, int virtualRouterId, boolean ipv6) {
        this(name, parent, virtualRouterId, ipv6, null);
    }

    public Kind kind() {
        return ipvlan == null ? Kind.MACVLAN : Kind.IPVLAN;
    }

    /** keepalived's default name for a VMAC of {@code vrid}. */
    public static String defaultName(int vrid) {
        return "vrrp." + vrid;
    }

    /**
     * The virtual router MAC address: {@link #address()} when given (keepalived's
     * {@code use_vmac MAC}), else RFC 5798's 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6).
     * Only a macvlan carries it; an ipvlan has its parent's MAC.
     */
    public byte[] macAddress() {
        if (address != null) {
            return parseMac(address);
        }
        return new byte[] {0x00, 0x00, 0x5e, 0x00, (byte) (ipv6 ? 0x02 : 0x01), (byte) virtualRouterId};
    }

    /** {@code xx:xx:xx:xx:xx:xx}, six hex octets. */
    private static byte[] parseMac(String text) {
        String[] octets = text.split(":", -1);
        if (octets.length != 6) {
            throw new IllegalArgumentException("MAC address '" + text + "' must have 6 octets");
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (!octets[i].matches("[0-9a-fA-F]{1,2}")) {
                throw new IllegalArgumentException("MAC address '" + text + "' has an invalid octet '" + octets[i] + "'");
            }
            mac[i] = (byte) Integer.parseInt(octets[i], 16);
        }
        return mac;
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
        return ipvlan == null ? name + " (macvlan " + macText() + " on " + parent + ")"
                : name + " (ipvlan " + ipvlan + " on " + parent + ")";
    }
}
