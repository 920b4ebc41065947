package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;
import static dev.vigil.vrrp.engine.Rig.HIGHER;
import static dev.vigil.vrrp.engine.Rig.LOWER;
import static dev.vigil.vrrp.engine.Rig.MS;
import static dev.vigil.vrrp.engine.Rig.SECOND;
import static dev.vigil.vrrp.engine.Rig.SELF;
import static dev.vigil.vrrp.engine.Rig.VIP;
import static dev.vigil.vrrp.engine.Rig.VIP2;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.vrrp.engine.FakeVipManager.Kind;

/** keepalived's protocol switches ({@link ProtocolOptions}) on the simulated clock. */
class ProtocolOptionsTest {

    private static final ProtocolOptions DEFAULTS = ProtocolOptions.KEEPALIVED_DEFAULTS;
    private static final long SKEW_100 = VrrpTimers.skewNanos(2, 100, 100);

    private static Rig rig(ProtocolOptions options) {
        return new Rig(Rig.v2(100).withOptions(options));
    }

    /** An advert for VRID 51 at priority 150 listing only VIP2 (ours is VIP). */
    private static Advert wrongAddresses() {
        return Advert.v2(51, 150, 1, null, List.of(VIP2.address()));
    }

    @Test
    void backupChecksEveryAdvertsAddressesByDefault() {
        Rig rig = rig(DEFAULTS).start();

        rig.inject(wrongAddresses(), HIGHER);
        rig.inject(wrongAddresses(), HIGHER);

        assertThat(rig.counter(Counter.ADDRESS_LIST_ERRORS)).isEqualTo(2);
    }

    @Test
    void skipCheckAdvAddrChecksOnlyAdvertsOfANewMaster() {
        Rig rig = rig(DEFAULTS.withAdvertChecks(true, false, false)).start();

        rig.inject(wrongAddresses(), HIGHER); // a new master: checked
        rig.inject(wrongAddresses(), HIGHER); // the same master: trusted
        rig.inject(wrongAddresses(), HIGHER);

        assertThat(rig.counter(Counter.ADDRESS_LIST_ERRORS)).isEqualTo(1);
        assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(3);
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP); // a mismatch is logged, the advert still counts

        rig.inject(Advert.v2(51, 200, 1, null, List.of(VIP2.address())), ip("198.51.100.9"));

        assertThat(rig.counter(Counter.ADDRESS_LIST_ERRORS)).isEqualTo(2);
    }

    @Test
    void newMasterClearsTheRateLimitOnceItsAdvertIsAccepted() {
        Rig rig = rig(DEFAULTS).start();
        String missing = "(VI_1) ip address associated with VRID 51 not present in advert from ";

        rig.inject(wrongAddresses(), HIGHER); // logged, then the accepted new master clears the flags
        rig.inject(wrongAddresses(), HIGHER); // logged again, as keepalived does
        rig.inject(wrongAddresses(), HIGHER);
        InetAddress other = ip("198.51.100.9");
        rig.inject(Advert.v2(51, 200, 1, null, List.of(VIP2.address())), other); // flag still set: silent
        rig.inject(Advert.v2(51, 200, 1, null, List.of(VIP2.address())), other);

        assertThat(rig.listener.messages()).filteredOn(m -> m.startsWith(missing)).containsExactly(
                missing + "198.51.100.7: 198.51.100.100", missing + "198.51.100.7: 198.51.100.100",
                missing + "198.51.100.9: 198.51.100.100");
        assertThat(rig.counter(Counter.ADDRESS_LIST_ERRORS)).isEqualTo(5);
    }

    private static Rig unicastMaster(boolean checkSource) {
        Rig rig = new Rig(Rig.v2(100).withUnicastPeers(List.of(LOWER))
                .withOptions(DEFAULTS.withAdvertChecks(false, checkSource, false)));
        rig.destinations = List.of(LOWER);
        return rig.startAsMaster();
    }

    private static void injectUnicast(Rig rig, int priority, InetAddress from) {
        rig.injectRaw(AdvertCodec.encode(rig.advert(priority), from, SELF), from, SELF, 64);
    }

    @Test
    void checkUnicastSrcDropsAdvertsFromAddressesThatAreNoPeer() {
        Rig checking = unicastMaster(true);
        Rig trusting = unicastMaster(false);

        injectUnicast(checking, 200, HIGHER);
        injectUnicast(trusting, 200, HIGHER);

        assertThat(checking.state()).isEqualTo(VrrpState.MASTER);
        assertThat(checking.listener.messages()).contains("(VI_1) unicast source address 198.51.100.7 not a unicast peer");
        assertThat(checking.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(1); // counted, then dropped (keepalived)
        assertThat(trusting.state()).isEqualTo(VrrpState.BACKUP);

        injectUnicast(checking, 200, LOWER); // a peer

        assertThat(checking.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aPeersMinAndMaxTtlAreCheckedWithItsSource() {
        Rig rig = unicastMaster(true);
        rig.instance.setUnicastPeerTtls(java.util.Map.of(LOWER, new VrrpInstance.PeerTtl(60, 64)));

        rig.injectRaw(AdvertCodec.encode(rig.advert(200), LOWER, SELF), LOWER, SELF, 59);

        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.counter(Counter.IP_TTL_ERRORS)).isEqualTo(1);
        assertThat(rig.listener.messages()).contains("(VI_1) invalid TTL/HL from " + LOWER.getHostAddress()
                + ". Received 59 and expect 60-64");

        injectUnicast(rig, 200, LOWER); // TTL 64: within the range

        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void addressOwnerIgnoresAdvertsWhenAsked() {
        Rig ignoring = new Rig(Rig.v2(255).withOptions(DEFAULTS.withAdvertChecks(false, false, true))).start();
        Rig listening = new Rig(Rig.v2(255)).start();

        ignoring.inject(ignoring.advert(255), HIGHER); // equal priority, higher address: would win
        listening.inject(listening.advert(255), HIGHER);

        assertThat(ignoring.state()).isEqualTo(VrrpState.MASTER);
        assertThat(ignoring.counter(Counter.RCVD_ADVERTISEMENTS)).isZero();
        assertThat(ignoring.listener.messages()).contains("(VI_1) Dropping packet(s) from 198.51.100.7 since we are address owner");
        assertThat(listening.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void higherPrioSendAdvertSendsOneAdvertBeforeYielding() {
        Rig sending = rig(DEFAULTS.withMasterReactions(false, true, 5, 5)).startAsMaster();
        Rig quiet = rig(DEFAULTS).startAsMaster();
        sending.clock.runFor(100 * MS);
        quiet.clock.runFor(100 * MS);
        long at = sending.now();

        sending.inject(sending.advert(200), HIGHER);
        quiet.inject(quiet.advert(200), HIGHER);

        assertThat(sending.sentSince(at)).singleElement().satisfies(s -> assertThat(s.advert().priority()).isEqualTo(100));
        assertThat(sending.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(quiet.sentSince(at)).isEmpty();
        assertThat(quiet.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void masterHearingALowerPriorityAdvertSendsGarpsNowAndAfterTheDelay() {
        Rig rig = rig(DEFAULTS.withMasterReactions(false, false, 3, 2)).startAsMaster();
        rig.clock.runFor(10 * SECOND); // past garp_master_delay
        rig.vips.clearEvents();
        long at = rig.now();

        rig.inject(rig.advert(50), LOWER);

        assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(2).allMatch(e -> e.at() == at);
        rig.clock.runFor(3 * SECOND - 1);
        assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(2);
        rig.clock.runFor(1);
        assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(4);
    }

    @Test
    void lowerPriorityGarpsAreOffWithRepeatZeroAndStopWhenLeavingMaster() {
        Rig off = rig(DEFAULTS.withMasterReactions(false, false, 3, 0)).startAsMaster();
        off.clock.runFor(10 * SECOND);
        off.vips.clearEvents();
        off.inject(off.advert(50), LOWER);
        off.clock.runFor(5 * SECOND);
        assertThat(off.vips.events(Kind.ANNOUNCE)).isEmpty();

        Rig leaving = rig(DEFAULTS.withMasterReactions(false, false, 3, 2)).startAsMaster();
        leaving.clock.runFor(10 * SECOND);
        leaving.inject(leaving.advert(50), LOWER);
        leaving.vips.clearEvents();
        leaving.inject(leaving.advert(200), HIGHER);
        leaving.clock.runFor(3 * SECOND + 100 * MS); // past the delayed burst, before our down timer
        assertThat(leaving.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(leaving.vips.events(Kind.ANNOUNCE)).isEmpty();
    }

    @Test
    void lowerPrioNoAdvertLeavesTheAdvertTimerAloneAfterAPriorityZeroAdvert() {
        Rig rig = rig(DEFAULTS.withMasterReactions(true, false, 5, 5)).startAsMaster();
        long became = rig.now();
        rig.clock.runFor(400 * MS);

        rig.inject(rig.advert(0), LOWER); // answered at once

        assertThat(rig.sentSince(became + 1)).hasSize(1);
        rig.clock.runFor(600 * MS); // the regular advert, one interval after becoming MASTER
        assertThat(rig.sentSince(became + 1)).hasSize(2);
        assertThat(rig.sent.get(rig.sent.size() - 1).at()).isEqualTo(became + SECOND);
    }

    @Test
    void downTimerAdvertsSetsTheAdvertsInMasterDownInterval() {
        Rig one = rig(DEFAULTS.withDownTimerAdverts(1)).start();

        one.clock.runFor(SECOND + SKEW_100 - 1);
        assertThat(one.state()).isEqualTo(VrrpState.BACKUP);
        one.clock.runFor(1);
        assertThat(one.state()).isEqualTo(VrrpState.MASTER);

        Rig five = rig(DEFAULTS.withDownTimerAdverts(5)).start();
        five.inject(five.advert(150), HIGHER);
        five.clock.runFor(5 * SECOND + SKEW_100 - 1);
        assertThat(five.state()).isEqualTo(VrrpState.BACKUP);
        five.clock.runFor(1);
        assertThat(five.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void changedDownTimerAdvertsMoveARunningDownTimer() {
        Rig rig = rig(DEFAULTS).start();
        rig.clock.runFor(SECOND);

        rig.instance.update(rig.settings.withOptions(DEFAULTS.withDownTimerAdverts(5)));

        rig.clock.runFor(4 * SECOND + SKEW_100 - 1);
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        rig.clock.runFor(1);
        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void garpIntervalSpacesTheBurstRoundRobin() {
        Rig rig = new Rig(Rig.v2(100).withVirtualAddresses(List.of(VIP, VIP2)).withGarp(0, 2, 0, 1)
                .withOptions(DEFAULTS.withAnnouncementIntervals(10_000, 0)));
        rig.startAsMaster();
        long became = rig.now();
        rig.clock.runFor(SECOND / 2);

        assertThat(rig.vips.events(Kind.ANNOUNCE)).extracting(e -> e.at() - became)
                .containsExactly(0L, 10 * MS, 20 * MS, 30 * MS);
        assertThat(rig.vips.events(Kind.ANNOUNCE)).extracting(FakeVipManager.Event::vip)
                .containsExactly(VIP, VIP2, VIP, VIP2);
    }

    @Test
    void withoutAnIntervalTheBurstGoesBackToBack() {
        Rig rig = new Rig(Rig.v2(100).withVirtualAddresses(List.of(VIP, VIP2)).withGarp(0, 2, 0, 1));
        rig.startAsMaster();
        long became = rig.now();

        assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(4).allMatch(e -> e.at() == became);
    }

    @Test
    void queuedGarpsAreDroppedWhenLeavingMaster() {
        Rig rig = new Rig(Rig.v2(100).withVirtualAddresses(List.of(VIP, VIP2)).withGarp(0, 5, 0, 1)
                .withOptions(DEFAULTS.withAnnouncementIntervals(100_000, 0)));
        rig.startAsMaster();
        rig.clock.runFor(150 * MS); // two sent so far

        rig.inject(Advert.v2(51, 200, 1, null, List.of(VIP.address(), VIP2.address())), HIGHER);
        rig.clock.runFor(2 * SECOND);

        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(2);
    }

    @Test
    void instancesOnOneInterfaceShareItsInterval() {
        SimulatedScheduler clock = new SimulatedScheduler();
        AnnouncementPacer pacer = new AnnouncementPacer(clock);
        FakeVipManager vips = new FakeVipManager(clock::nanoTime);
        ProtocolOptions spaced = DEFAULTS.withAnnouncementIntervals(10_000, 0);
        VrrpInstance a = new VrrpInstance(Rig.v2(255).withGarp(0, 1, 0, 1).withOptions(spaced), clock, vips,
                new RecordingListener(clock), java.time.Clock.systemUTC(), pacer);
        VrrpInstance b = new VrrpInstance(InstanceSettings.defaults("VI_2", "eth0", 52, 2, 255, 100, List.of(VIP2))
                .withGarp(0, 1, 0, 1).withOptions(spaced), clock, vips, new RecordingListener(clock),
                java.time.Clock.systemUTC(), pacer);

        a.start(new NullChannel());
        b.start(new NullChannel());
        clock.runFor(SECOND / 2);

        assertThat(vips.events(Kind.ANNOUNCE)).extracting(FakeVipManager.Event::at).containsExactly(0L, 10 * MS);
    }

    /** A channel that drops what it is given. */
    private static final class NullChannel implements dev.vigil.api.dataplane.VrrpChannel {
        @Override
        public InetAddress sourceAddress() {
            return SELF;
        }

        @Override
        public List<InetAddress> destinations() {
            return List.of(Rig.GROUP);
        }

        @Override
        public void send(InetAddress destination, byte[] vrrpMessage) {
        }

        @Override
        public void close() {
        }
    }
}
