package dev.vigil.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AdvertCodecTest {

    static final InetAddress SRC = ip("198.51.100.1");
    static final InetAddress PEER = ip("198.51.100.2");
    static final InetAddress GROUP = ip("224.0.0.18");
    static final InetAddress VIP = ip("198.51.100.100");

    /*
     * Known answer, VRRPv2, computed by hand (RFC 1071: one's complement of the one's complement
     * sum of the 16-bit words, checksum field taken as zero):
     *   21 01 | 64 01 | 00 01 | 00 00 | c6 33 | 64 64 | 00 00 x4 (auth data)
     *   0x2101 + 0x6401 = 0x8502; + 0x0001 = 0x8503; + 0xc633 = 0x14b36; + 0x6464 = 0x1af9a
     *   fold: 0xaf9a + 0x1 = 0xaf9b; complement: 0xffff - 0xaf9b = 0x5064
     */
    @Test
    void v2KnownAnswer() {
        byte[] msg = AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(VIP)), SRC, GROUP);

        assertThat(msg).containsExactly(0x21, 0x01, 0x64, 0x01, 0x00, 0x01, 0x50, 0x64,
                0xc6, 0x33, 0x64, 0x64, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /*
     * Known answer, VRRPv3 over IPv4 from 198.51.100.1 to 224.0.0.18, computed by hand:
     *   pseudo-header: c633 6401 | e000 0012 | 0070 (zero, proto 112) | 000c (VRRP length 12)
     *     0xc633 + 0x6401 = 0x12a34; + 0xe000 = 0x20a34; + 0x0012 = 0x20a46; + 0x0070 = 0x20ab6;
     *     + 0x000c = 0x20ac2
     *   message: 31 01 | 64 01 | 00 64 (interval 100 cs) | 00 00 | c6 33 | 64 64
     *     0x3101 + 0x6401 = 0x9502; + 0x0064 = 0x9566; + 0xc633 = 0x15b99; + 0x6464 = 0x1bffd
     *   total 0x20ac2 + 0x1bffd = 0x3cabf; fold: 0xcabf + 0x3 = 0xcac2; complement: 0x353d
     */
    @Test
    void v3KnownAnswerUsesPseudoHeader() {
        byte[] msg = AdvertCodec.encode(Advert.v3(1, 100, 100, List.of(VIP)), SRC, GROUP);

        assertThat(msg).containsExactly(0x31, 0x01, 0x64, 0x01, 0x00, 0x64, 0x35, 0x3d,
                0xc6, 0x33, 0x64, 0x64);
    }

    @Test
    void v3ChecksumDependsOnDestination() {
        Advert advert = Advert.v3(1, 100, 100, List.of(VIP));
        byte[] toGroup = AdvertCodec.encode(advert, SRC, GROUP);
        byte[] toPeer = AdvertCodec.encode(advert, SRC, PEER);

        // same hand computation as above with e000 0012 replaced by c633 6402: 0xeb19
        assertThat(toPeer[6] & 0xff).isEqualTo(0xeb);
        assertThat(toPeer[7] & 0xff).isEqualTo(0x19);
        assertThat(toGroup).isNotEqualTo(toPeer);
        assertThat(AdvertCodec.decode(toPeer, SRC, PEER)).isEqualTo(new DecodeResult.Decoded(advert));
        assertThat(reason(AdvertCodec.decode(toPeer, SRC, GROUP))).isEqualTo(DiscardReason.CHECKSUM);
    }

    @Test
    void v2ChecksumIgnoresAddresses() {
        byte[] msg = AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(VIP)), SRC, GROUP);

        assertThat(AdvertCodec.decode(msg, PEER, PEER)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void v2RoundTripWithSimpleTextAuth() {
        Advert advert = Advert.v2(51, 150, 3, "secret", List.of(VIP, ip("198.51.100.101")));
        byte[] msg = AdvertCodec.encode(advert, SRC, GROUP);

        assertThat(msg).hasSize(8 + 2 * 4 + 8);
        assertThat(msg[4]).isEqualTo((byte) 1);
        assertThat(new String(msg, 16, 6)).isEqualTo("secret");
        assertThat(msg[22]).isZero();
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) AdvertCodec.decode(msg, SRC, GROUP);
        assertThat(decoded.advert()).isEqualTo(advert);
        assertThat(decoded.advert().advertIntervalCentis()).isEqualTo(300);
        assertThat(decoded.advert().authData()).isEqualTo(Advert.authPassBytes("secret"));
    }

    @Test
    void v3MaxAdvertIntervalIs12BitsWithReservedBitsZero() {
        byte[] msg = AdvertCodec.encode(Advert.v3(7, 200, 4095, List.of(VIP)), SRC, GROUP);

        assertThat(msg[4] & 0xff).isEqualTo(0x0f);
        assertThat(msg[5] & 0xff).isEqualTo(0xff);
        // reserved bits set by a sender are ignored, but they are covered by the checksum
        msg[4] |= (byte) 0xf0;
        assertThat(reason(AdvertCodec.decode(msg, SRC, GROUP))).isEqualTo(DiscardReason.CHECKSUM);
        Advert decoded = decodedAfterFixingV3Checksum(msg, SRC, GROUP);
        assertThat(decoded.advertIntervalCentis()).isEqualTo(4095);
    }

    @Test
    void v3OverIpv6RoundTrip() {
        InetAddress src = ip("2001:db8::1");
        InetAddress dst = ip("ff02::12");
        Advert advert = Advert.v3(9, 120, 50, List.of(ip("2001:db8::100"), ip("2001:db8::101")));
        byte[] msg = AdvertCodec.encode(advert, src, dst);

        assertThat(msg).hasSize(8 + 2 * 16);
        assertThat(AdvertCodec.decode(msg, src, dst)).isEqualTo(new DecodeResult.Decoded(advert));
        assertThat(reason(AdvertCodec.decode(msg, src, ip("ff02::1")))).isEqualTo(DiscardReason.CHECKSUM);
    }

    @Test
    void discardsTooShort() {
        assertThat(reason(AdvertCodec.decode(new byte[7], SRC, GROUP))).isEqualTo(DiscardReason.PACKET_LENGTH);
        assertThat(reason(AdvertCodec.decode(new byte[0], SRC, GROUP))).isEqualTo(DiscardReason.PACKET_LENGTH);
    }

    @Test
    void discardsLengthThatDisagreesWithCount() {
        byte[] msg = AdvertCodec.encode(Advert.v3(1, 100, 100, List.of(VIP)), SRC, GROUP);
        byte[] longer = java.util.Arrays.copyOf(msg, msg.length + 4);
        byte[] shorter = java.util.Arrays.copyOf(msg, msg.length - 1);

        DecodeResult.Discarded tooLong = (DecodeResult.Discarded) AdvertCodec.decode(longer, SRC, GROUP);
        assertThat(tooLong.reason()).isEqualTo(DiscardReason.PACKET_LENGTH);
        assertThat(tooLong.detail()).isEqualTo("too long, length 16 and expect 12");
        assertThat(reason(AdvertCodec.decode(shorter, SRC, GROUP))).isEqualTo(DiscardReason.PACKET_LENGTH);
        // v2 needs the 8 auth bytes even without authentication
        byte[] v2 = AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(VIP)), SRC, GROUP);
        assertThat(reason(AdvertCodec.decode(java.util.Arrays.copyOf(v2, 12), SRC, GROUP)))
                .isEqualTo(DiscardReason.PACKET_LENGTH);
    }

    @Test
    void discardsUnknownVersion() {
        byte[] msg = AdvertCodec.encode(Advert.v3(1, 100, 100, List.of(VIP)), SRC, GROUP);
        msg[0] = 0x41;

        assertThat(reason(AdvertCodec.decode(msg, SRC, GROUP))).isEqualTo(DiscardReason.UNKNOWN_VERSION);
    }

    @Test
    void discardsV2OverIpv6() {
        byte[] msg = AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(VIP)), SRC, GROUP);

        assertThat(reason(AdvertCodec.decode(msg, ip("2001:db8::1"), ip("ff02::12"))))
                .isEqualTo(DiscardReason.UNKNOWN_VERSION);
        assertThatThrownBy(() -> AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(ip("2001:db8::100"))),
                ip("2001:db8::1"), ip("ff02::12"))).hasMessageContaining("IPv4 only");
    }

    @Test
    void discardsInvalidType() {
        byte[] msg = AdvertCodec.encode(Advert.v3(1, 100, 100, List.of(VIP)), SRC, GROUP);
        msg[0] = 0x32;

        assertThat(reason(AdvertCodec.decode(msg, SRC, GROUP))).isEqualTo(DiscardReason.INVALID_TYPE);
    }

    @Test
    void discardsInvalidV2AuthType() {
        byte[] msg = AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(VIP)), SRC, GROUP);
        msg[4] = 2; // IP Authentication Header: not supported

        assertThat(reason(AdvertCodec.decode(msg, SRC, GROUP))).isEqualTo(DiscardReason.INVALID_AUTH_TYPE);
    }

    @Test
    void discardsBadChecksum() {
        byte[] msg = AdvertCodec.encode(Advert.v2(1, 100, 1, null, List.of(VIP)), SRC, GROUP);
        msg[2] = 101; // priority changed in flight

        assertThat(reason(AdvertCodec.decode(msg, SRC, GROUP))).isEqualTo(DiscardReason.CHECKSUM);
    }

    @Test
    void peeksVridBeforeJudging() {
        assertThat(AdvertCodec.peekVirtualRouterId(new byte[] {0x31, (byte) 200})).isEqualTo(200);
        assertThat(AdvertCodec.peekVirtualRouterId(new byte[] {0x31})).isEqualTo(-1);
    }

    @Test
    void advertRejectsFieldsOutOfRange() {
        assertThatThrownBy(() -> Advert.v3(1, 256, 100, List.of(VIP))).hasMessageContaining("priority");
        assertThatThrownBy(() -> Advert.v3(1, 100, 4096, List.of(VIP))).hasMessageContaining("interval");
        assertThatThrownBy(() -> new Advert(2, 1, 100, 150, 0, null, List.of(VIP))).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> Advert.v2(1, 100, 1, "ninechars", List.of(VIP))).hasMessageContaining("8 bytes");
        assertThatThrownBy(() -> Advert.v3(1, 100, 100, List.of(VIP, ip("2001:db8::1")))).hasMessageContaining("mixed");
    }

    @Property(tries = 300)
    void everyAdvertRoundTrips(@ForAll("adverts") Advert advert) {
        InetAddress dst = advert.version() == 3 && !advert.addresses().isEmpty()
                && advert.addresses().get(0).getAddress().length == 16 ? ip("ff02::12") : GROUP;
        InetAddress src = dst.getAddress().length == 16 ? ip("2001:db8::1") : SRC;
        byte[] msg = AdvertCodec.encode(advert, src, dst);

        assertThat(AdvertCodec.decode(msg, src, dst)).isEqualTo(new DecodeResult.Decoded(advert));
    }

    @Property(tries = 300)
    void anySingleBitFlipIsCaught(@ForAll("adverts") Advert advert, @ForAll long bitSeed) {
        InetAddress dst = advert.addresses().isEmpty() || advert.addresses().get(0).getAddress().length == 4
                ? GROUP : ip("ff02::12");
        InetAddress src = dst.getAddress().length == 16 ? ip("2001:db8::1") : SRC;
        byte[] msg = AdvertCodec.encode(advert, src, dst);
        int bit = (int) Math.floorMod(bitSeed, (long) msg.length * 8);
        msg[bit / 8] ^= (byte) (1 << (bit % 8));

        // a flip is never accepted as the same advert: the checksum (or a structural check) catches it
        assertThat(AdvertCodec.decode(msg, src, dst)).isInstanceOf(DecodeResult.Discarded.class);
    }

    @Provide
    Arbitrary<Advert> adverts() {
        Arbitrary<InetAddress> v4 = Arbitraries.integers().between(0, 255)
                .map(i -> ip("198.51.100." + i));
        Arbitrary<InetAddress> v6 = Arbitraries.integers().between(0, 0xffff)
                .map(i -> ip("2001:db8::" + Integer.toHexString(i)));
        Arbitrary<Advert> v2 = Combinators.combine(Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 255),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).injectNull(0.5),
                v4.list().uniqueElements().ofMaxSize(20))
                .as((vrid, prio, secs, pass, addrs) -> Advert.v2(vrid, prio, secs, pass, addrs));
        Arbitrary<Advert> v3 = Combinators.combine(Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 4095),
                Arbitraries.oneOf(v4.list().uniqueElements().ofMaxSize(20), v6.list().uniqueElements().ofMinSize(1).ofMaxSize(8)))
                .as(Advert::v3);
        return Arbitraries.oneOf(v2, v3);
    }

    private static Advert decodedAfterFixingV3Checksum(byte[] msg, InetAddress src, InetAddress dst) {
        // recompute the checksum over pseudo-header + message, as a sender that sets reserved bits would
        byte[] pseudo = new byte[12 + msg.length];
        System.arraycopy(src.getAddress(), 0, pseudo, 0, 4);
        System.arraycopy(dst.getAddress(), 0, pseudo, 4, 4);
        pseudo[9] = 112;
        pseudo[11] = (byte) msg.length;
        byte[] zeroed = withZeroChecksum(msg);
        System.arraycopy(zeroed, 0, pseudo, 12, zeroed.length);
        int sum = AdvertCodec.internetChecksum(pseudo);
        zeroed[6] = (byte) (sum >> 8);
        zeroed[7] = (byte) sum;
        return ((DecodeResult.Decoded) AdvertCodec.decode(zeroed, src, dst)).advert();
    }

    private static byte[] withZeroChecksum(byte[] msg) {
        byte[] copy = msg.clone();
        copy[6] = 0;
        copy[7] = 0;
        return copy;
    }

    static DiscardReason reason(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Discarded.class);
        return ((DecodeResult.Discarded) result).reason();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<InetAddress> ips(String... literals) {
        List<InetAddress> out = new ArrayList<>();
        for (String l : literals) {
            out.add(ip(l));
        }
        return out;
    }
}
