package dev.vigil.firewall.nftables.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.regex.Pattern;

import dev.vigil.api.dataplane.VirtualAddress;

/**
 * One element of one of our sets, as nft writes it: {@code 198.51.100.10} in {@code ip vips},
 * {@code 2001:db8::10} in {@code ip6 vips}, {@code fe80::10 . "eth0"} in
 * {@code ip6 vips_link_local} (a link-local address is only ours on its own interface).
 */
record NftElement(Family family, String set, String value) {

    static final String VIPS = "vips";
    /** Keyed by address and interface index (nft turns the quoted name into the index). */
    static final String LINK_LOCAL_BY_INDEX = "vips_link_local";
    /** Keyed by address and interface name. */
    static final String LINK_LOCAL_BY_NAME = "vips_link_local_name";

    /** Interface names as the kernel allows them, minus what would need quoting in nft. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.:@+-]{1,15}");

    static NftElement of(VirtualAddress vip, boolean linkLocalByIndex) {
        if (vip.address() instanceof Inet4Address v4) {
            return new NftElement(Family.IP, VIPS, v4.getHostAddress());
        }
        Inet6Address v6 = (Inet6Address) vip.address();
        String text = compressed(v6.getAddress());
        if (!v6.isLinkLocalAddress()) {
            return new NftElement(Family.IP6, VIPS, text);
        }
        if (!DEVICE.matcher(vip.device()).matches()) {
            throw new IllegalArgumentException("interface name " + vip.device() + " cannot be used in an nft set");
        }
        return new NftElement(Family.IP6, linkLocalByIndex ? LINK_LOCAL_BY_INDEX : LINK_LOCAL_BY_NAME,
                text + " . \"" + vip.device() + "\"");
    }

    /** RFC 5952 text (as nft prints it back), without Java's zone suffix. */
    static String compressed(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
