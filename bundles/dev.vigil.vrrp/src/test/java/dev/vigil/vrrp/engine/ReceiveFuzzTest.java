package dev.vigil.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.vigil.api.VrrpState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever arrives on the wire, the codec answers and the instance neither throws nor stalls. */
class ReceiveFuzzTest {

    @Property(tries = 1000)
    void decodeAlwaysAnswers(@ForAll("messages") byte[] message, @ForAll boolean ipv6) {
        DecodeResult result = ipv6
                ? AdvertCodec.decode(message, AdvertCodecTest.ip("2001:db8::1"), AdvertCodecTest.ip("ff02::12"))
                : AdvertCodec.decode(message, Rig.HIGHER, Rig.GROUP);

        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Discarded d) {
            assertThat(d.reason()).isNotNull();
            assertThat(d.detail()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void garbageForOurVridIsCountedAndDoesNotDisturbTheTimers(@ForAll("messageLists") List<byte[]> messages,
            @ForAll @IntRange(min = 2, max = 3) int version, @ForAll @IntRange(min = 0, max = 255) int ttl) {
        Rig rig = new Rig(version == 2 ? Rig.v2(100) : Rig.v3(100, 100)).start();
        long errorsBefore = errorCount(rig);

        for (byte[] m : messages) {
            if (m.length > 1) {
                m[1] = 51; // our VRID: judged, not ignored
            }
            rig.injectRaw(m, Rig.HIGHER, Rig.GROUP, ttl);
        }

        // random bytes practically never carry a valid checksum, so each is discarded and counted
        assertThat(errorCount(rig) - errorsBefore + rig.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(messages.size());
        if (rig.counter(Counter.RCVD_ADVERTISEMENTS) == 0) {
            // nothing was accepted, so the start's down timer fires exactly on time
            rig.clock.runUntil(VrrpTimers.masterDownNanos(version, 100, 100) - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }
    }

    private static long errorCount(Rig rig) {
        return rig.counter(Counter.PACKET_LENGTH_ERRORS) + rig.counter(Counter.VERSION_ERRORS)
                + rig.counter(Counter.RCVD_INVALID_TYPE_PACKETS) + rig.counter(Counter.CHECKSUM_ERRORS)
                + rig.counter(Counter.IP_TTL_ERRORS) + rig.counter(Counter.INVALID_AUTH_TYPE)
                + rig.counter(Counter.AUTH_TYPE_MISMATCH) + rig.counter(Counter.AUTH_FAILURES)
                + rig.counter(Counter.ADV_INTERVAL_ERRORS) + rig.counter(Counter.VR_ID_ERRORS);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        // biased towards plausible headers: version 2 or 3, type 1, small address counts
        Arbitrary<byte[]> plausible = Arbitraries.bytes().array(byte[].class).ofMinSize(8).ofMaxSize(64).map(b -> {
            b[0] = (byte) ((b[0] & 1) == 0 ? 0x21 : 0x31);
            b[3] = (byte) (b[3] & 0x07);
            return b;
        });
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(80), plausible);
    }

    @Provide
    Arbitrary<List<byte[]>> messageLists() {
        return messages().list().ofMaxSize(20);
    }
}
