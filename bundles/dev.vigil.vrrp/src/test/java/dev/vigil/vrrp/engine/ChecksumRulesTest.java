package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.Rig.GROUP;
import static dev.vigil.vrrp.engine.Rig.HIGHER;
import static dev.vigil.vrrp.engine.Rig.LOWER;
import static dev.vigil.vrrp.engine.Rig.SELF;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;

/** keepalived's VRRPv3 IPv4 checksum variants ({@link ChecksumRules}) on the simulated clock. */
class ChecksumRulesTest {

    private static Rig v3(ChecksumRules rules) {
        Rig rig = new Rig(Rig.v3(100, 100));
        rig.instance.setChecksumRules(rules);
        return rig;
    }

    private static Rig v3Unicast(ChecksumRules rules) {
        Rig rig = new Rig(Rig.v3(100, 100).withUnicastPeers(List.of(LOWER)));
        rig.instance.setChecksumRules(rules);
        rig.destinations = List.of(LOWER);
        return rig.startAsMaster();
    }

    @Test
    void v3ChecksumAsV2SendsWithoutPseudoHeaderAndAcceptsEitherChecksum() {
        Rig rig = v3(new ChecksumRules(true, ChecksumRules.OldUnicast.DETECT)).startAsMaster();

        byte[] sent = rig.sent.get(rig.sent.size() - 1).message();
        assertThat(AdvertCodec.decode(sent, SELF, GROUP, true)).isInstanceOf(DecodeResult.Discarded.class);
        assertThat(AdvertCodec.decode(sent, SELF, GROUP, false)).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(sentChecksumOfMessageAlone(sent)).isTrue();

        // a peer computing it per RFC 5798 (pseudo-header) is heard too: it wins with priority 200
        rig.injectRaw(AdvertCodec.encode(rig.advert(200), HIGHER, GROUP, true), HIGHER, GROUP, 255);
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void byDefaultAV2StyleChecksumIsAChecksumError() {
        Rig rig = v3(ChecksumRules.KEEPALIVED_DEFAULTS).startAsMaster();

        rig.injectRaw(AdvertCodec.encode(rig.advert(200), HIGHER, GROUP, false), HIGHER, GROUP, 255);

        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.counter(Counter.CHECKSUM_ERRORS)).isEqualTo(1);
    }

    @Test
    void anOldUnicastChecksumIsDetectedAndAnsweredInKind() {
        Rig rig = v3Unicast(ChecksumRules.KEEPALIVED_DEFAULTS);
        int before = rig.sent.size();
        assertThat(AdvertCodec.decode(rig.sent.get(before - 1).message(), SELF, LOWER)).isInstanceOf(
                DecodeResult.Decoded.class);

        // keepalived < 2.2.0 put the multicast group in the pseudo-header of unicast adverts
        rig.injectRaw(AdvertCodec.encode(rig.advert(50), LOWER, GROUP), LOWER, SELF, 255);

        assertThat(rig.counter(Counter.CHECKSUM_ERRORS)).isZero();
        assertThat(rig.listener.messages()).contains("(VI_1) Setting unicast VRRPv3 checksum to old version");
        rig.clock.runFor(Rig.SECOND);
        byte[] next = rig.sent.get(rig.sent.size() - 1).message();
        assertThat(AdvertCodec.decode(next, SELF, GROUP)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void oldUnicastChecksumNeverKeepsTheRfcChecksum() {
        Rig rig = v3Unicast(new ChecksumRules(false, ChecksumRules.OldUnicast.NEVER));

        rig.injectRaw(AdvertCodec.encode(rig.advert(50), LOWER, GROUP), LOWER, SELF, 255);

        assertThat(rig.counter(Counter.CHECKSUM_ERRORS)).isEqualTo(1);
        rig.clock.runFor(Rig.SECOND);
        assertThat(AdvertCodec.decode(rig.sent.get(rig.sent.size() - 1).message(), SELF, LOWER))
                .isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void oldUnicastChecksumAlwaysSendsWithTheGroupFromTheStart() {
        Rig rig = v3Unicast(new ChecksumRules(false, ChecksumRules.OldUnicast.ALWAYS));

        assertThat(AdvertCodec.decode(rig.sent.get(rig.sent.size() - 1).message(), SELF, GROUP))
                .isInstanceOf(DecodeResult.Decoded.class);
        rig.injectRaw(AdvertCodec.encode(rig.advert(200), LOWER, GROUP), LOWER, SELF, 255);
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
    }

    /** The v2 way: the checksum over the VRRP message alone. */
    private static boolean sentChecksumOfMessageAlone(byte[] msg) {
        return AdvertCodec.internetChecksum(msg) == 0;
    }
}
