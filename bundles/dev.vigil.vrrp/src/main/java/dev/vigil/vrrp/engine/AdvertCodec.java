package dev.vigil.vrrp.engine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes VRRP messages (no IP header).
 *
 * <pre>
 *  v2 (RFC 3768 §5.1)                        v3 (RFC 5798 §5.1)
 *  | ver 2 | type 1 | VRID | priority |      | ver 3 | type 1 | VRID | priority |
 *  | count | auth type | adver int (s) |     | count | rsvd(4) max adver int (12, cs) |
 *  | checksum (16)                     |     | checksum (16)                          |
 *  | IPv4 addresses ...                |     | IPv4 or IPv6 addresses ...             |
 *  | auth data (8 bytes)               |
 * </pre>
 *
 * The v2 checksum covers the VRRP message only; the v3 one is preceded by the pseudo-header of
 * the IP version (RFC 5798 §5.2.8): for IPv4 source, destination, zero, protocol 112 and the
 * VRRP length, which is what keepalived computes by default. Because the pseudo-header holds
 * the destination, a v3 message is encoded once per destination.
 */
public final class AdvertCodec {

    /** IP protocol number of VRRP. */
    public static final int IP_PROTOCOL = 112;
    /** Fixed header: version/type, VRID, priority, count, auth type or interval, checksum. */
    public static final int HEADER_LENGTH = 8;

    private AdvertCodec() {
    }

    /** The length of a message carrying {@code count} addresses of {@code addressLength} bytes. */
    public static int messageLength(int version, int count, int addressLength) {
        return HEADER_LENGTH + count * addressLength + (version == 2 ? Advert.AUTH_DATA_LENGTH : 0);
    }

    /**
     * Encodes {@code advert} as sent from {@code source} to {@code destination} (both used only by
     * the v3 pseudo-header checksum).
     */
    public static byte[] encode(Advert advert, InetAddress source, InetAddress destination) {
        return encode(advert, source, destination, true);
    }

    /**
     * Encodes {@code advert}; {@code pseudoHeader} false leaves the pseudo-header out of a v3
     * IPv4 checksum ({@code v3_checksum_as_v2}, as some routers compute it). IPv6 always has it.
     */
    public static byte[] encode(Advert advert, InetAddress source, InetAddress destination, boolean pseudoHeader) {
        int addressLength = addressLength(advert, source);
        if (advert.version() == 2 && addressLength != 4) {
            throw new IllegalArgumentException("VRRPv2 (RFC 3768) carries IPv4 only");
        }
        byte[] msg = new byte[messageLength(advert.version(), advert.addresses().size(), addressLength)];
        msg[0] = (byte) (advert.version() << 4 | Advert.TYPE_ADVERTISEMENT);
        msg[1] = (byte) advert.virtualRouterId();
        msg[2] = (byte) advert.priority();
        msg[3] = (byte) advert.addresses().size();
        if (advert.version() == 2) {
            msg[4] = (byte) advert.authType();
            msg[5] = (byte) (advert.advertIntervalCentis() / 100);
        } else {
            msg[4] = (byte) (advert.advertIntervalCentis() >> 8 & 0x0f);
            msg[5] = (byte) advert.advertIntervalCentis();
        }
        int at = HEADER_LENGTH;
        for (InetAddress address : advert.addresses()) {
            byte[] raw = address.getAddress();
            System.arraycopy(raw, 0, msg, at, raw.length);
            at += raw.length;
        }
        if (advert.version() == 2) {
            System.arraycopy(advert.authData(), 0, msg, at, Advert.AUTH_DATA_LENGTH);
        }
        boolean withPseudoHeader = advert.version() == 3 && (pseudoHeader || addressLength == 16);
        int sum = withPseudoHeader ? pseudoHeaderSum(source, destination, msg.length) : 0;
        int checksum = ~fold(sum + sum(msg, 0, msg.length)) & 0xffff;
        msg[6] = (byte) (checksum >> 8);
        msg[7] = (byte) checksum;
        return msg;
    }

    /**
     * The VRID of a message, read before anything is checked so that another virtual router's
     * adverts can be ignored without judging them; -1 when there is no VRID byte.
     */
    public static int peekVirtualRouterId(byte[] msg) {
        return msg.length < 2 ? -1 : msg[1] & 0xff;
    }

    /**
     * Decodes a received message. Checked here: length, known version, type, v2 auth type and
     * the checksum. Checked by the instance: VRID, TTL, version/auth/interval against its own.
     */
    public static DecodeResult decode(byte[] msg, InetAddress source, InetAddress destination) {
        return decode(msg, source, destination, true);
    }

    /**
     * Decodes a received message; {@code checkV3Ipv4Checksum} false accepts any v3 IPv4 checksum,
     * as keepalived does with {@code v3_checksum_as_v2} (peers compute it either way).
     */
    public static DecodeResult decode(byte[] msg, InetAddress source, InetAddress destination,
            boolean checkV3Ipv4Checksum) {
        if (msg.length < HEADER_LENGTH) {
            return discard(DiscardReason.PACKET_LENGTH, "too short, length " + msg.length + " and expect at least " + HEADER_LENGTH);
        }
        int version = (msg[0] & 0xff) >> 4;
        int type = msg[0] & 0x0f;
        int addressLength = source instanceof Inet6Address ? 16 : 4;
        if (version != 2 && version != 3) {
            return discard(DiscardReason.UNKNOWN_VERSION, "unknown VRRP version " + version);
        }
        if (version == 2 && addressLength != 4) {
            return discard(DiscardReason.UNKNOWN_VERSION, "VRRPv2 over IPv6");
        }
        int count = msg[3] & 0xff;
        int expected = messageLength(version, count, addressLength);
        if (msg.length != expected) {
            return discard(DiscardReason.PACKET_LENGTH, "too " + (msg.length > expected ? "long" : "short")
                    + ", length " + msg.length + " and expect " + expected);
        }
        if (type != Advert.TYPE_ADVERTISEMENT) {
            return discard(DiscardReason.INVALID_TYPE, "invalid packet type " + type + " and expect 1");
        }
        int authType = version == 2 ? msg[4] & 0xff : 0;
        if (version == 2 && authType != Advert.AUTH_NONE && authType != Advert.AUTH_SIMPLE_TEXT) {
            return discard(DiscardReason.INVALID_AUTH_TYPE, "invalid auth type " + authType);
        }
        boolean checked = version == 2 || addressLength == 16 || checkV3Ipv4Checksum;
        int sum = version == 3 ? pseudoHeaderSum(source, destination, msg.length) : 0;
        if (checked && fold(sum + sum(msg, 0, msg.length)) != 0xffff) {
            return discard(DiscardReason.CHECKSUM, "invalid VRRPv" + version + " checksum");
        }
        int interval = version == 2 ? (msg[5] & 0xff) * 100 : (msg[4] & 0x0f) << 8 | msg[5] & 0xff;
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[addressLength];
            System.arraycopy(msg, HEADER_LENGTH + i * addressLength, raw, 0, addressLength);
            addresses.add(address(raw));
        }
        byte[] authData = null;
        if (version == 2) {
            authData = new byte[Advert.AUTH_DATA_LENGTH];
            System.arraycopy(msg, HEADER_LENGTH + count * addressLength, authData, 0, authData.length);
        }
        return new DecodeResult.Decoded(new Advert(version, msg[1] & 0xff, msg[2] & 0xff, interval, authType,
                authData, addresses));
    }

    /** The internet checksum (RFC 1071) of {@code data}, as it would be stored. */
    public static int internetChecksum(byte[] data) {
        return ~fold(sum(data, 0, data.length)) & 0xffff;
    }

    private static DecodeResult discard(DiscardReason reason, String detail) {
        return new DecodeResult.Discarded(reason, detail);
    }

    private static int addressLength(Advert advert, InetAddress source) {
        if (!advert.addresses().isEmpty()) {
            return advert.addresses().get(0) instanceof Inet4Address ? 4 : 16;
        }
        return source instanceof Inet6Address ? 16 : 4;
    }

    private static int pseudoHeaderSum(InetAddress source, InetAddress destination, int length) {
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        if (src.length != dst.length) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination + " differ in family");
        }
        // IPv4: src, dst, zero, protocol, 16-bit length. IPv6: src, dst, 32-bit length, 3 zeros, next header.
        return sum(src, 0, src.length) + sum(dst, 0, dst.length) + IP_PROTOCOL + length;
    }

    /** Sum of big-endian 16-bit words, an odd last byte padded with zero. */
    private static int sum(byte[] data, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i += 2) {
            int hi = (data[i] & 0xff) << 8;
            int lo = i + 1 < to ? data[i + 1] & 0xff : 0;
            sum += hi | lo;
        }
        return sum;
    }

    private static int fold(int sum) {
        long s = sum & 0xffffffffL;
        while (s >> 16 != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }

    private static InetAddress address(byte[] raw) {
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped address in its family
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, (java.net.NetworkInterface) null)
                    : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a bad length
        }
    }
}
