package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.Rig.GROUP;
import static dev.vigil.vrrp.engine.Rig.HIGHER;
import static dev.vigil.vrrp.engine.Rig.LOWER;
import static dev.vigil.vrrp.engine.Rig.MS;
import static dev.vigil.vrrp.engine.Rig.SECOND;
import static dev.vigil.vrrp.engine.Rig.SELF;
import static dev.vigil.vrrp.engine.Rig.VIP;
import static dev.vigil.vrrp.engine.Rig.VIP2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.vrrp.engine.FakeVipManager.Kind;

class VrrpInstanceTest {

    /** v2, priority 100: Skew_Time = 156/256 s, Master_Down_Interval = 3 s + skew. */
    static final long SKEW_100 = 609_375_000L;
    static final long DOWN_100 = 3 * SECOND + SKEW_100;

    @Nested
    class Timers {
        @Test
        void skewAndMasterDownFollowTheRfcs() {
            assertThat(VrrpTimers.skewNanos(2, 100, 100)).isEqualTo(SKEW_100);
            assertThat(VrrpTimers.masterDownNanos(2, 100, 100)).isEqualTo(DOWN_100);
            // v2 skew ignores the interval; v3 scales it: (256-200)*50cs/256 = 10.9375 cs
            assertThat(VrrpTimers.skewNanos(2, 100, 300)).isEqualTo(SKEW_100);
            assertThat(VrrpTimers.skewNanos(3, 200, 50)).isEqualTo(109_375_000L);
            assertThat(VrrpTimers.masterDownNanos(3, 200, 50)).isEqualTo(1_500_000_000L + 109_375_000L);
            assertThat(VrrpTimers.skewNanos(2, 255, 100)).isEqualTo(SECOND / 256);
        }
    }

    @Nested
    class Startup {
        @Test
        void backupStartRemovesLeftoverVipsThenWaitsMasterDownInterval() {
            Rig rig = new Rig(Rig.v2(100));
            rig.vips.preset(VIP);

            rig.start();

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.vips.held()).isEmpty();
            assertThat(rig.vips.events(Kind.REMOVE)).hasSize(1);
            assertThat(rig.listener.messages()).contains("(VI_1) removing VIPs.", "(VI_1) Entering BACKUP STATE (init)");
            assertThat(rig.listener.changes().get(0).change().from()).isEqualTo(VrrpState.INIT);
            rig.clock.runFor(DOWN_100 - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.sent).isEmpty();
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.changes().get(1).at()).isEqualTo(DOWN_100);
            assertThat(rig.listener.changes().get(1).change().reason()).isEqualTo("master down timer");
            assertThat(rig.listener.messages()).contains("(VI_1) Receive advertisement timeout");
        }

        @Test
        void addressOwnerBecomesMasterAtOnceWithoutCleanup() {
            Rig rig = new Rig(Rig.v2(255));
            rig.vips.preset(VIP);

            rig.start();

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.now()).isZero();
            assertThat(rig.vips.events(Kind.REMOVE)).isEmpty();
            assertThat(rig.vips.events(Kind.ADD)).singleElement().extracting(FakeVipManager.Event::changed).isEqualTo(false);
            assertThat(rig.listener.states()).containsExactly(VrrpState.MASTER);
            assertThat(rig.sentPriorities()).containsExactly(255);
        }

        @Test
        void ownerConfiguredBackupWaitsLikeAnyBackup() {
            Rig rig = new Rig(Rig.v2(255).withInitialState(VrrpState.BACKUP)).start();

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(3 * SECOND + SECOND / 256);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void nonOwnerStateMasterWaitsOneIntervalPlusMinimalSkew() {
            Rig rig = new Rig(Rig.v2(100).withInitialState(VrrpState.MASTER)).start();

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(SECOND + SECOND / 256 - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void nonOwnerStateMasterYieldsToARunningHigherMaster() {
            Rig rig = new Rig(Rig.v2(100).withInitialState(VrrpState.MASTER)).start();

            rig.clock.runFor(500 * MS);
            rig.inject(rig.advert(150), HIGHER);
            rig.clock.runFor(DOWN_100 - MS);

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        }

        @Test
        void stateMasterClearsNopreemptWithKeepalivedsWarning() {
            Rig rig = new Rig(Rig.v2(100).withInitialState(VrrpState.MASTER).withPreempt(false, 500));

            assertThat(rig.listener.messages()).contains(
                    "(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing",
                    "(VI_1) Warning - preempt delay will not work with initial state MASTER - clearing");
        }

        @Test
        void startingTwiceIsAnError() {
            Rig rig = new Rig(Rig.v2(100)).start();

            assertThatThrownBy(() -> rig.instance.start(rig.channel)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class BecomingMaster {
        @Test
        void advertThenVipsThenGarpsInKeepalivedsOrder() {
            Rig rig = new Rig(Rig.v2(100).withVirtualAddresses(List.of(VIP, VIP2))).start();
            rig.journal.clear();

            rig.clock.runFor(DOWN_100);

            assertThat(rig.journal.subList(0, 4)).containsExactly("ADVERT 100", "ADD 198.51.100.100",
                    "ADD 198.51.100.101", "ANNOUNCE 198.51.100.100");
            assertThat(rig.journal).contains("STATE MASTER");
            assertThat(rig.journal.indexOf("STATE MASTER")).isGreaterThan(rig.journal.lastIndexOf("ANNOUNCE 198.51.100.101"));
            // garp_master_repeat 5: five rounds, one GARP per VIP per round
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(10);
            assertThat(rig.listener.lines()).contains(
                    new RecordingListener.Line(LogLevel.INFO, "(VI_1) Entering MASTER STATE"),
                    new RecordingListener.Line(LogLevel.DETAIL, "(VI_1) setting VIPs."),
                    new RecordingListener.Line(LogLevel.DETAIL, "(VI_1) Sending/queueing gratuitous ARPs on eth0 for 198.51.100.100"),
                    new RecordingListener.Line(LogLevel.DETAIL, "Sending gratuitous ARP on eth0 for 198.51.100.100"));
            assertThat(rig.listener.messages().stream().filter(m -> m.startsWith("(VI_1) Sending/queueing"))).hasSize(2);
            assertThat(rig.counter(Counter.MASTER_TRANSITIONS)).isEqualTo(1);
        }

        @Test
        void secondGarpBurstAfterGarpMasterDelay() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            long became = rig.now();

            rig.clock.runFor(5 * SECOND - 1);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(5);
            rig.clock.runFor(1);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(10);
            assertThat(rig.vips.events(Kind.ANNOUNCE).get(9).at()).isEqualTo(became + 5 * SECOND);
            rig.clock.runFor(60 * SECOND);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(10); // refresh is off by default
        }

        @Test
        void noDelayedGarpsOnceNoLongerMaster() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();

            for (int i = 0; i < 10; i++) {
                rig.inject(rig.advert(200), HIGHER);
                rig.clock.runFor(SECOND);
            }

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(5);
        }

        @Test
        void garpRefreshWhileMaster() {
            Rig rig = new Rig(Rig.v2(100).withGarp(2, 3, 10, 2)).startAsMaster();
            long became = rig.now();

            rig.clock.runUntil(became + 2 * SECOND);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(6);
            rig.clock.runUntil(became + 12 * SECOND);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(8);
            rig.clock.runUntil(became + 22 * SECOND);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(10);
            for (int i = 0; i < 60; i++) {
                rig.inject(rig.advert(200), HIGHER);
                rig.clock.runFor(SECOND);
            }
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(10);
        }

        @Test
        void advertisesEveryInterval() {
            Rig rig = new Rig(Rig.v3(100, 50)).startAsMaster();
            long became = rig.now();

            rig.clock.runFor(2 * SECOND);

            assertThat(rig.sentSince(became).stream().map(Rig.Sent::at))
                    .containsExactly(became, became + 500 * MS, became + 1000 * MS, became + 1500 * MS, became + 2000 * MS);
            assertThat(rig.sent.get(0).advert()).isEqualTo(Advert.v3(51, 100, 50, List.of(VIP.address())));
        }

        @Test
        void oneCopyPerDestinationEachWithItsOwnV3Checksum() {
            InstanceSettings s = Rig.v3(100, 100).withUnicastPeers(List.of(LOWER, HIGHER));
            Rig rig = new Rig(s);
            rig.destinations = List.of(LOWER, HIGHER);

            rig.startAsMaster();

            assertThat(rig.sent).hasSize(2);
            assertThat(rig.sent.get(0).destination()).isEqualTo(LOWER);
            assertThat(rig.sent.get(1).destination()).isEqualTo(HIGHER);
            assertThat(AdvertCodec.decode(rig.sent.get(0).message(), SELF, LOWER)).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(AdvertCodec.decode(rig.sent.get(1).message(), SELF, HIGHER)).isInstanceOf(DecodeResult.Decoded.class);
            assertThat(rig.counter(Counter.SENT_ADVERTISEMENTS)).isEqualTo(1);
        }
    }

    @Nested
    class Backup {
        @Test
        void higherOrEqualPriorityAdvertResetsTheDownTimer() {
            Rig rig = new Rig(Rig.v2(100)).start();

            for (int i = 0; i < 10; i++) {
                rig.clock.runFor(SECOND);
                rig.inject(rig.advert(i % 2 == 0 ? 150 : 100), HIGHER);
            }
            long last = rig.now();
            rig.clock.runFor(DOWN_100 - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.instance.status().masterAddress()).isEqualTo(HIGHER);
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.lastEntered(VrrpState.MASTER)).isEqualTo(last + DOWN_100);
            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(10);
        }

        @Test
        void equalPriorityFromALowerAddressIsAcceptedToo() {
            // RFC 3768 6.4.2: the address tie-break is only between two masters
            Rig rig = new Rig(Rig.v2(100)).start();

            for (int i = 0; i < 10; i++) {
                rig.clock.runFor(SECOND);
                rig.inject(rig.advert(100), LOWER);
            }

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        }

        @Test
        void priorityZeroCutsTheWaitToSkewTime() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.clock.runFor(SECOND);
            rig.inject(rig.advert(150), HIGHER);
            rig.clock.runFor(SECOND);

            rig.inject(rig.advert(0), HIGHER);
            long stopAt = rig.now();
            rig.clock.runFor(SKEW_100 - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(1);

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.lastEntered(VrrpState.MASTER)).isEqualTo(stopAt + SKEW_100);
            assertThat(rig.listener.lines()).contains(
                    new RecordingListener.Line(LogLevel.DETAIL, "(VI_1) Backup received priority 0 advertisement"));
            assertThat(rig.counter(Counter.RCVD_PRI_ZERO_PACKETS)).isEqualTo(1);
            assertThat(rig.listener.changes().get(1).change().reason()).isEqualTo("priority 0 advert from 198.51.100.7");
        }

        @Test
        void preemptDiscardsLowerPriorityAndTakesOverWhenTheTimerRunsOut() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.clock.runFor(SECOND);
            rig.inject(rig.advert(150), HIGHER); // accepted: timer reset
            long accepted = rig.now();

            for (int i = 0; i < 3; i++) {
                rig.clock.runFor(SECOND);
                rig.inject(rig.advert(50), LOWER);
            }
            rig.clock.runUntil(accepted + DOWN_100);

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.messages()).contains("(VI_1) received lower priority (50) advert from 198.51.100.3 - discarding");
            assertThat(rig.listener.changes().get(1).change().reason()).isEqualTo("preempting lower priority master 198.51.100.3");
        }

        @Test
        void nopreemptStaysBackupBehindALowerPriorityMaster() {
            Rig rig = new Rig(Rig.v2(100).withPreempt(false, 0)).start();

            for (int i = 0; i < 30; i++) {
                rig.clock.runFor(SECOND);
                rig.inject(rig.advert(50), LOWER);
            }

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.instance.status().masterAddress()).isEqualTo(LOWER);
        }

        @Test
        void preemptDelayHoldsOffTakeover() {
            Rig rig = new Rig(Rig.v2(100).withPreempt(true, 1000)).start(); // 10 s
            rig.clock.runFor(SECOND);
            long firstLower = rig.now();
            rig.inject(rig.advert(50), LOWER);

            long lastAccepted = firstLower;
            while (rig.state() == VrrpState.BACKUP && rig.now() < 60 * SECOND) {
                rig.clock.runFor(SECOND);
                if (rig.state() != VrrpState.BACKUP) {
                    break;
                }
                if (rig.now() < firstLower + 10 * SECOND) { // accepted while the delay has not run out
                    lastAccepted = rig.now();
                }
                rig.inject(rig.advert(50), LOWER);
            }

            long took = rig.listener.lastEntered(VrrpState.MASTER);
            assertThat(took).isEqualTo(lastAccepted + DOWN_100);
            assertThat(took - firstLower).isGreaterThanOrEqualTo(10 * SECOND);
            assertThat(rig.listener.messages()).contains("(VI_1) start preempt delay (10.000000)");
        }

        @Test
        void v3BackupLearnsTheMastersInterval() {
            Rig rig = new Rig(Rig.v3(100, 100)).start();
            rig.clock.runFor(SECOND);

            Advert slow = Advert.v3(51, 150, 300, List.of(VIP.address()));
            rig.inject(slow, HIGHER);
            long at = rig.now();

            assertThat(rig.instance.status().masterAdvertIntervalCentis()).isEqualTo(300);
            long expectedDown = VrrpTimers.masterDownNanos(3, 100, 300); // 9 s + 156*3/256 s
            rig.clock.runFor(expectedDown - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.lastEntered(VrrpState.MASTER)).isEqualTo(at + expectedDown);
            // and advertises at its own configured interval again
            assertThat(rig.instance.status().masterAdvertIntervalCentis()).isEqualTo(100);
            assertThat(rig.sent.get(0).advert().advertIntervalCentis()).isEqualTo(100);
        }
    }

    @Nested
    class Master {
        @Test
        void higherPriorityAdvertSendsUsToBackupAndReleasesVips() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();

            rig.inject(rig.advert(101), Rig.HIGHER);

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.vips.held()).isEmpty();
            assertThat(rig.listener.messages()).containsSubsequence(
                    "(VI_1) Master received advert from 198.51.100.7 with higher priority 101, ours 100",
                    "(VI_1) Entering BACKUP STATE", "(VI_1) removing VIPs.");
            assertThat(rig.instance.status().masterAddress()).isEqualTo(HIGHER);
            assertThat(rig.listener.changes().get(2).change().reason()).isEqualTo("higher priority advert from 198.51.100.7");
            // and waits a full Master_Down_Interval before trying again
            long sentBefore = rig.sent.size();
            rig.clock.runFor(DOWN_100 - 1);
            assertThat(rig.sent).hasSize((int) sentBefore);
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void equalPriorityHigherAddressWins() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();

            rig.inject(rig.advert(100), HIGHER);

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.listener.messages()).contains(
                    "(VI_1) Master received advert from 198.51.100.7 with same priority 100 but higher IP address than ours");
        }

        @Test
        void equalPriorityLowerAddressIsAnsweredAtOnce() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            rig.clock.runFor(300 * MS);
            long at = rig.now();

            rig.inject(rig.advert(100), LOWER);

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.sentSince(at)).hasSize(1);
            assertThat(rig.listener.messages()).contains(
                    "(VI_1) Received advert from 198.51.100.3 with lower priority 100, ours 100, forcing new election");
            // the advert timer restarts from the answer
            rig.clock.runFor(SECOND - 1);
            assertThat(rig.sentSince(at)).hasSize(1);
            rig.clock.runFor(1);
            assertThat(rig.sentSince(at)).hasSize(2);
        }

        @Test
        void lowerPriorityAdvertIsAnsweredUnlessLowerPrioNoAdvert() {
            Rig answering = new Rig(Rig.v2(100)).startAsMaster();
            Rig silent = new Rig(Rig.v2(100).withOptions(ProtocolOptions.KEEPALIVED_DEFAULTS.withMasterReactions(true, false, 5, 5))).startAsMaster();
            answering.clock.runFor(100 * MS);
            silent.clock.runFor(100 * MS);
            long at = answering.now();

            answering.inject(answering.advert(50), LOWER);
            silent.inject(silent.advert(50), LOWER);

            assertThat(answering.sentSince(at)).hasSize(1);
            assertThat(silent.sentSince(at)).isEmpty();
            assertThat(silent.listener.messages()).contains("(VI_1) Received advert from 198.51.100.3 with lower priority 50, ours 100");
            assertThat(silent.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void priorityZeroIsAnsweredAtOnce() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            rig.clock.runFor(100 * MS);
            long at = rig.now();

            rig.inject(rig.advert(0), LOWER);

            assertThat(rig.sentSince(at)).singleElement().satisfies(s -> assertThat(s.advert().priority()).isEqualTo(100));
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }
    }

    @Nested
    class Stopping {
        @Test
        void masterSendsPriorityZeroThenRemovesVips() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            rig.journal.clear();

            rig.instance.stop();

            assertThat(rig.journal).containsExactly("ADVERT 0", "REMOVE 198.51.100.100", "STATE INIT");
            assertThat(rig.state()).isEqualTo(VrrpState.INIT);
            assertThat(rig.counter(Counter.SENT_PRI_ZERO_PACKETS)).isEqualTo(1);
            assertThat(rig.clock.pendingTasks()).isZero();
            int sent = rig.sent.size();
            rig.clock.runFor(60 * SECOND);
            assertThat(rig.sent).hasSize(sent);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(5);
        }

        @Test
        void backupStopsSilently() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.journal.clear();

            rig.instance.stop();

            assertThat(rig.journal).containsExactly("STATE INIT");
            assertThat(rig.clock.pendingTasks()).isZero();
        }

        @Test
        void canStartAgainAfterStop() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            rig.instance.stop();

            rig.instance.start(rig.channel);

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(DOWN_100);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void packetsAfterStopAreIgnored() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.instance.stop();

            rig.inject(rig.advert(150), HIGHER);

            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isZero();
        }
    }

    @Nested
    class Faults {
        @Test
        void masterFaultSendsPriorityZeroReleasesVipsAndGoesQuiet() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            rig.journal.clear();

            rig.instance.setFault(true, "interface eth0 down");

            assertThat(rig.journal).containsExactly("ADVERT 0", "REMOVE 198.51.100.100", "STATE FAULT");
            assertThat(rig.listener.messages()).contains("(VI_1) Entering FAULT STATE");
            assertThat(rig.instance.status().faultReason()).isEqualTo("interface eth0 down");
            int sent = rig.sent.size();
            rig.inject(rig.advert(150), HIGHER);
            rig.clock.runFor(30 * SECOND);
            assertThat(rig.sent).hasSize(sent);
            assertThat(rig.state()).isEqualTo(VrrpState.FAULT);
            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isZero();
        }

        @Test
        void recoveryEntersBackupThenElects() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.instance.setFault(true, "interface eth0 down");
            rig.clock.runFor(10 * SECOND);

            rig.instance.setFault(false, "interface eth0 up");
            long up = rig.now();

            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(rig.listener.messages()).contains("(VI_1) Entering BACKUP STATE");
            rig.clock.runFor(DOWN_100);
            assertThat(rig.listener.lastEntered(VrrpState.MASTER)).isEqualTo(up + DOWN_100);
        }

        @Test
        void faultBeforeStartStartsInFault() {
            Rig rig = new Rig(Rig.v2(100));
            rig.instance.setFault(true, "interface eth0 down");

            rig.start();
            rig.clock.runFor(30 * SECOND);

            assertThat(rig.state()).isEqualTo(VrrpState.FAULT);
            assertThat(rig.listener.messages()).contains("(VI_1) Entering FAULT STATE (init)");
            assertThat(rig.sent).isEmpty();
        }

        @Test
        void ownerRecoversStraightToMaster() {
            Rig rig = new Rig(Rig.v2(255)).start();
            rig.instance.setFault(true, "down");
            rig.instance.setFault(false, "up");

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }
    }

    @Nested
    class Priority {
        @Test
        void offsetIsClampedAndLogged() {
            Rig rig = new Rig(Rig.v2(100)).start();

            rig.instance.setPriorityOffset(2);
            rig.instance.setPriorityOffset(0);
            rig.instance.setPriorityOffset(500);
            rig.instance.setPriorityOffset(-500);

            assertThat(rig.listener.messages()).containsSubsequence(
                    "(VI_1) Changing effective priority from 100 to 102",
                    "(VI_1) Changing effective priority from 102 to 100",
                    "(VI_1) Changing effective priority from 100 to 254",
                    "(VI_1) Changing effective priority from 254 to 1");
            assertThat(rig.instance.status().effectivePriority()).isEqualTo(1);
            assertThat(rig.instance.status().basePriority()).isEqualTo(100);
        }

        @Test
        void ownerIgnoresOffsets() {
            Rig rig = new Rig(Rig.v2(255)).start();

            rig.instance.setPriorityOffset(-50);

            assertThat(rig.instance.effectivePriority()).isEqualTo(255);
            assertThat(rig.sent.get(rig.sent.size() - 1).advert().priority()).isEqualTo(255);
        }

        @Test
        void backupDownTimerMovesWithTheSkew() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.clock.runFor(SECOND);

            rig.instance.setPriorityOffset(100); // 200: skew 56/256 s instead of 156/256 s

            rig.clock.runUntil(3 * SECOND + 56L * SECOND / 256 - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
            rig.clock.runFor(1);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void masterAdvertisesTheEffectivePriority() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();

            rig.instance.setPriorityOffset(-20);
            rig.clock.runFor(SECOND);

            assertThat(rig.sent.get(rig.sent.size() - 1).advert().priority()).isEqualTo(80);
        }
    }

    @Nested
    class Updates {
        @Test
        void vipChangesApplyInPlaceWhileMaster() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();
            rig.vips.clearEvents();
            rig.listener.clear();

            rig.instance.update(rig.settings.withVirtualAddresses(List.of(VIP2)));

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.changes()).isEmpty();
            assertThat(rig.vips.held()).containsExactly(VIP2);
            assertThat(rig.vips.events(Kind.ANNOUNCE)).hasSize(5).allMatch(e -> e.vip().equals(VIP2));
            rig.clock.runFor(SECOND);
            assertThat(rig.sent.get(rig.sent.size() - 1).advert().addresses()).containsExactly(VIP2.address());
        }

        @Test
        void vipChangesWhileBackupTouchNothing() {
            Rig rig = new Rig(Rig.v2(100)).start();
            rig.vips.clearEvents();

            rig.instance.update(rig.settings.withVirtualAddresses(List.of(VIP, VIP2)));

            assertThat(rig.vips.events()).isEmpty();
        }

        @Test
        void lowerPriorityKeepsMasterUntilOutbid() {
            Rig rig = new Rig(Rig.v2(150)).startAsMaster();

            rig.instance.update(rig.settings.withPriority(90));

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.listener.messages()).contains("(VI_1) Changing effective priority from 150 to 90");
            rig.inject(rig.advert(100), LOWER);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        }

        @Test
        void newAdvertIntervalTakesEffectAtOnce() {
            Rig rig = new Rig(Rig.v3(100, 100)).startAsMaster();
            long at = rig.now();

            rig.instance.update(rig.settings.withAdvertIntervalCentis(20));
            rig.clock.runFor(SECOND);

            assertThat(rig.sentSince(at + 1)).hasSize(5);
            assertThat(rig.sent.get(rig.sent.size() - 1).advert().advertIntervalCentis()).isEqualTo(20);
        }

        @Test
        void changesThatNeedANewChannelAreRefused() {
            Rig rig = new Rig(Rig.v2(100)).start();
            InstanceSettings other = InstanceSettings.defaults("VI_1", "eth0", 52, 2, 100, 100, List.of(VIP));

            assertThatThrownBy(() -> rig.instance.update(other)).hasMessageContaining("virtual_router_id changed");
            assertThat(rig.settings.restartNeededFor(rig.settings.withPriority(50))).isNull();
        }
    }

    @Nested
    class Discards {
        Rig backup() {
            return new Rig(Rig.v2(100)).start();
        }

        void assertDiscarded(Rig rig, Counter counter) {
            assertThat(rig.counter(counter)).isEqualTo(1);
            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isZero();
            // not processed: the down timer from the start still fires on time
            rig.clock.runUntil(DOWN_100);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void badTtl() {
            Rig rig = backup();
            rig.injectRaw(AdvertCodec.encode(rig.advert(150), HIGHER, GROUP), HIGHER, GROUP, 254);

            assertDiscarded(rig, Counter.IP_TTL_ERRORS);
            assertThat(rig.listener.messages()).contains("(VI_1) invalid TTL/HL from 198.51.100.7. Received 254 and expect 255");
        }

        @Test
        void ttlIsNotCheckedInUnicastMode() {
            Rig rig = new Rig(Rig.v2(100).withUnicastPeers(List.of(HIGHER))).start();
            rig.clock.runFor(SECOND);
            rig.injectRaw(AdvertCodec.encode(rig.advert(150), HIGHER, SELF), HIGHER, SELF, 64);

            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(1);
            assertThat(rig.counter(Counter.IP_TTL_ERRORS)).isZero();
        }

        @Test
        void badChecksum() {
            Rig rig = backup();
            byte[] msg = AdvertCodec.encode(rig.advert(150), HIGHER, GROUP);
            msg[7] ^= 1;
            rig.injectRaw(msg, HIGHER, GROUP, 255);

            assertDiscarded(rig, Counter.CHECKSUM_ERRORS);
            assertThat(rig.listener.messages()).contains("(VI_1) Invalid VRRPv2 checksum from 198.51.100.7");
        }

        @Test
        void wrongVersion() {
            Rig rig = backup();
            rig.inject(Advert.v3(51, 150, 100, List.of(VIP.address())), HIGHER);

            assertDiscarded(rig, Counter.VERSION_ERRORS);
            assertThat(rig.listener.messages()).contains("(VI_1) wrong VRRP version from 198.51.100.7. Received 3 and expect 2");
        }

        @Test
        void otherVridIsCountedButNeverLogged() {
            Rig rig = backup();
            rig.listener.clear();
            rig.inject(Advert.v2(52, 150, 1, null, List.of(VIP.address())), HIGHER);

            assertDiscarded(rig, Counter.VR_ID_ERRORS);
            assertThat(rig.listener.lines()).noneMatch(l -> l.level() == LogLevel.WARN);
        }

        @Test
        void authTypeMismatch() {
            Rig rig = new Rig(Rig.v2(100).withAuthPass("secret")).start();
            rig.inject(Advert.v2(51, 150, 1, null, List.of(VIP.address())), HIGHER);

            assertDiscarded(rig, Counter.AUTH_TYPE_MISMATCH);
            assertThat(rig.listener.messages()).contains("(VI_1) received a 0 auth from 198.51.100.7, expecting 1!");
        }

        @Test
        void wrongPassword() {
            Rig rig = new Rig(Rig.v2(100).withAuthPass("secret")).start();
            rig.inject(Advert.v2(51, 150, 1, "guess", List.of(VIP.address())), HIGHER);

            assertDiscarded(rig, Counter.AUTH_FAILURES);
            assertThat(rig.listener.messages()).contains("(VI_1) received an invalid passwd from 198.51.100.7!");
        }

        @Test
        void rightPasswordIsAccepted() {
            Rig rig = new Rig(Rig.v2(100).withAuthPass("secret")).start();
            rig.inject(Advert.v2(51, 150, 1, "secret", List.of(VIP.address())), HIGHER);

            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(1);
        }

        @Test
        void invalidAuthType() {
            Rig rig = backup();
            byte[] msg = AdvertCodec.encode(rig.advert(150), HIGHER, GROUP);
            msg[4] = 2;
            fixV2Checksum(msg);
            rig.injectRaw(msg, HIGHER, GROUP, 255);

            assertDiscarded(rig, Counter.INVALID_AUTH_TYPE);
        }

        @Test
        void v2AdvertIntervalMismatch() {
            Rig rig = backup();
            rig.inject(Advert.v2(51, 150, 2, null, List.of(VIP.address())), HIGHER);

            assertDiscarded(rig, Counter.ADV_INTERVAL_ERRORS);
            assertThat(rig.listener.messages()).contains(
                    "(VI_1) advertisement interval mismatch with 198.51.100.7 mine=1 sec rcv'd=2 sec");
        }

        @Test
        void packetLength() {
            Rig rig = backup();
            byte[] msg = AdvertCodec.encode(rig.advert(150), HIGHER, GROUP);
            rig.injectRaw(java.util.Arrays.copyOf(msg, msg.length - 2), HIGHER, GROUP, 255);

            assertDiscarded(rig, Counter.PACKET_LENGTH_ERRORS);
            assertThat(rig.listener.messages()).contains("(VI_1) vrrp packet from 198.51.100.7 too short, length 18 and expect 20");
        }

        @Test
        void invalidType() {
            Rig rig = backup();
            byte[] msg = AdvertCodec.encode(rig.advert(150), HIGHER, GROUP);
            msg[0] = 0x22;
            fixV2Checksum(msg);
            rig.injectRaw(msg, HIGHER, GROUP, 255);

            assertDiscarded(rig, Counter.RCVD_INVALID_TYPE_PACKETS);
        }

        @Test
        void unicastAdvertOnAMulticastInstance() {
            Rig rig = backup();
            rig.injectRaw(AdvertCodec.encode(rig.advert(150), HIGHER, SELF), HIGHER, SELF, 255);

            assertDiscarded(rig, Counter.ADDRESS_LIST_ERRORS);
        }

        @Test
        void addressListMismatchIsCountedButTheAdvertStillCounts() {
            Rig rig = backup();
            rig.clock.runFor(SECOND);
            rig.inject(Advert.v2(51, 150, 1, null, List.of(VIP2.address())), HIGHER);
            rig.clock.runFor(SECOND);
            rig.inject(Advert.v2(51, 150, 1, null, List.of(VIP.address(), VIP2.address())), HIGHER);

            assertThat(rig.counter(Counter.ADDRESS_LIST_ERRORS)).isEqualTo(2);
            assertThat(rig.counter(Counter.RCVD_ADVERTISEMENTS)).isEqualTo(2);
            assertThat(rig.listener.messages()).contains(
                    "(VI_1) ip address associated with VRID 51 not present in advert from 198.51.100.7: 198.51.100.100");
            rig.clock.runFor(DOWN_100 - 1);
            assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        }

        @Test
        void repeatedDiscardsAreLoggedOnce() {
            Rig rig = backup();
            byte[] msg = AdvertCodec.encode(rig.advert(150), HIGHER, GROUP);
            for (int i = 0; i < 5; i++) {
                rig.injectRaw(msg, HIGHER, GROUP, 1);
            }

            assertThat(rig.counter(Counter.IP_TTL_ERRORS)).isEqualTo(5);
            assertThat(rig.listener.messages(LogLevel.WARN)).hasSize(1);
        }

        private static void fixV2Checksum(byte[] msg) {
            msg[6] = 0;
            msg[7] = 0;
            int sum = AdvertCodec.internetChecksum(msg);
            msg[6] = (byte) (sum >> 8);
            msg[7] = (byte) sum;
        }
    }

    @Nested
    class Failures {
        @Test
        void vipManagerErrorsAreLoggedAndTheProtocolGoesOn() {
            Rig rig = new Rig(Rig.v2(100));
            rig.vips.failing(Kind.ADD, Kind.REMOVE, Kind.ANNOUNCE);

            rig.start();
            rig.clock.runFor(DOWN_100 + 3 * SECOND);

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.sent).hasSizeGreaterThan(3);
            assertThat(rig.listener.messages(LogLevel.WARN)).contains(
                    "(VI_1) cannot remove VIP 198.51.100.100/24 dev eth0: RTNETLINK answers: Operation not permitted",
                    "(VI_1) cannot add VIP 198.51.100.100/24 dev eth0: RTNETLINK answers: Operation not permitted",
                    "Error sending gratuitous ARP on eth0 for 198.51.100.100: RTNETLINK answers: Operation not permitted");
        }

        @Test
        void sendErrorsAreLoggedAndTimersGoOn() {
            Rig rig = new Rig(Rig.v2(100));
            rig.sendFails = true;

            rig.start();
            rig.clock.runFor(DOWN_100 + 3 * SECOND);

            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            assertThat(rig.counter(Counter.SENT_ADVERTISEMENTS)).isEqualTo(4);
            assertThat(rig.listener.messages(LogLevel.WARN)).contains("(VI_1): send advert error (Network is unreachable)");
        }
    }

    @Test
    void statusIsASnapshot() {
        Rig rig = new Rig(Rig.v2(100)).startAsMaster();

        InstanceStatus status = rig.instance.status();
        rig.instance.stop();

        assertThat(status.state()).isEqualTo(VrrpState.MASTER);
        assertThat(status.masterAddress()).isEqualTo(SELF);
        assertThat(status.primaryAddress()).isEqualTo(SELF);
        assertThat(status.vipsHeld()).isTrue();
        assertThat(status.counters()).containsKeys("masterTransitions", "rcvdAdvertisements", "ipTtlErrors",
                "checksumErrors", "versionErrors", "vrIdErrors", "authFailures", "invalidAuthType", "authTypeMismatch",
                "addressListErrors", "packetLengthErrors", "rcvdInvalidTypePackets", "advIntervalErrors",
                "rcvdPriZeroPackets", "sentPriZeroPackets", "sentAdvertisements");
        assertThat(rig.instance.status().state()).isEqualTo(VrrpState.INIT);
        assertThatThrownBy(() -> status.counters().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
