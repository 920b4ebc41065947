package dev.vigil.config.keepalived.model;

import java.net.InetAddress;

/** An instance speaks VRRP over one address family; all of its addresses share it. */
public enum AddressFamily {
    IPV4("IPv4", "224.0.0.18", 32),
    IPV6("IPv6", "ff02::12", 128);

    private final String label;
    private final String defaultMulticastGroup;
    private final int maxPrefixLength;

    AddressFamily(String label, String defaultMulticastGroup, int maxPrefixLength) {
        this.label = label;
        this.defaultMulticastGroup = defaultMulticastGroup;
        this.maxPrefixLength = maxPrefixLength;
    }

    public static AddressFamily of(InetAddress address) {
        return address.getAddress().length == 4 ? IPV4 : IPV6;
    }

    public String label() {
        return label;
    }

    /** RFC 3768/5798's group: 224.0.0.18 or ff02::12. */
    public String defaultMulticastGroup() {
        return defaultMulticastGroup;
    }

    public int maxPrefixLength() {
        return maxPrefixLength;
    }
}
