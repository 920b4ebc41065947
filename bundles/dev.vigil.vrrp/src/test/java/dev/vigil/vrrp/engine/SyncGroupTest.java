package dev.vigil.vrrp.engine;

import static dev.vigil.api.VrrpState.BACKUP;
import static dev.vigil.api.VrrpState.FAULT;
import static dev.vigil.api.VrrpState.MASTER;
import static dev.vigil.vrrp.engine.SyncRouters.VIP_A;
import static dev.vigil.vrrp.engine.SyncRouters.VIP_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.vrrp.engine.SyncRouters.Router;

/**
 * vrrp_sync_group as keepalived 2.x runs it, on two simulated routers with two links: R1 has
 * the higher priority on both instances, so it is MASTER of both when all is well.
 */
class SyncGroupTest {

    static final long MS = SyncRouters.MS;

    final SyncRouters net = new SyncRouters();
    final Router r1 = net.router(150, 150);
    final Router r2 = net.router(100, 100);

    @Test
    void theLastMemberToWantMasterTakesTheGroupAlong() {
        r1.startGrouped();
        r2.startGrouped();
        net.run(net.settleNanos());

        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        assertThat(r2.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.group.state()).isEqualTo(MASTER);
        assertThat(r2.group.state()).isEqualTo(BACKUP);
        assertThat(r1.groupLog.lines).containsExactly("VRRP_Group(G1) Syncing instances to MASTER state");
        assertThat(r1.groupLog.states).containsExactly(BACKUP, MASTER);
        assertThat(r1.vipsHeld()).containsExactlyInAnyOrder(VIP_A, VIP_B);
        assertThat(r2.vipsHeld()).isEmpty();

        // the member the group took along is a MASTER like the other: GARPs, then an advert every interval
        assertThat(r1.vips.events(FakeVipManager.Kind.ANNOUNCE)).extracting(FakeVipManager.Event::vip)
                .contains(VIP_A, VIP_B);
        long from = net.clock.nanoTime();
        net.run(3 * VrrpTimers.centisToNanos(SyncRouters.INTERVAL_CENTIS));
        assertThat(advertsSince(net.linkA, r1.addressA, from)).isEqualTo(3);
        assertThat(advertsSince(net.linkB, r1.addressB, from)).isEqualTo(3);
    }

    @Test
    void aMasterHearingALowerPriorityAdvertRefreshesTheArpCachesOfEveryMember() {
        startBothAndSettle();
        net.run(10 * 1000 * MS); // past garp_master_delay
        r1.vips.clearEvents();
        Advert lower = Advert.v2(51, 50, 1, null, List.of(VIP_A.address()));
        InetAddress group = InstanceSettings.DEFAULT_MULTICAST_GROUP_V4;

        r1.a.receive(new dev.vigil.api.dataplane.ReceivedPacket(r2.addressA, group, 255,
                AdvertCodec.encode(lower, r2.addressA, group), net.clock.nanoTime()));

        // garp_lower_prio_repeat (default 5) for the member that heard it and for the other member
        assertThat(r1.vips.events(FakeVipManager.Kind.ANNOUNCE)).extracting(FakeVipManager.Event::vip)
                .containsOnly(VIP_A, VIP_B).hasSize(10);
    }

    private static long advertsSince(SimulatedNetwork link, InetAddress from, long since) {
        return link.sent().stream().filter(s -> s.from().equals(from) && s.at() > since && s.priority() > 0).count();
    }

    @Test
    void oneLinkFailingTakesTheWholeGroupToFaultAndThePeerTakesBoth() {
        startBothAndSettle();
        long failedAt = net.clock.nanoTime();

        r1.linkADown();

        // at once, in the same event: the other member follows and resigns with priority 0
        assertThat(r1.states()).containsExactly(FAULT, FAULT);
        assertThat(r1.group.state()).isEqualTo(FAULT);
        assertThat(r1.vipsHeld()).isEmpty();
        assertThat(SyncRouters.priorityZeroSent(net.linkB, r1.addressB, failedAt)).isEqualTo(1);
        assertThat(r1.groupLog.lines).contains("VRRP_Group(G1) Syncing instances to FAULT state");
        assertThat(r1.logB.messages()).contains("(VI_B) Entering FAULT STATE");

        // R2 hears nothing more on link A: it takes both within its Master_Down_Interval
        long masterDown = VrrpTimers.masterDownNanos(2, 100, SyncRouters.INTERVAL_CENTIS);
        net.run(masterDown + 5 * MS);
        assertThat(r2.states()).containsExactly(MASTER, MASTER);
        assertThat(r2.group.state()).isEqualTo(MASTER);
        assertThat(r2.vipsHeld()).containsExactlyInAnyOrder(VIP_A, VIP_B);
        assertThat(r2.groupLog.lines).contains("VRRP_Group(G1) Syncing instances to MASTER state");
    }

    @Test
    void theGroupComesOutOfFaultTogetherAndTheHigherPriorityRouterTakesBackBoth() {
        startBothAndSettle();
        r1.linkADown();
        net.run(net.settleNanos());

        r1.linkAUp();

        assertThat(r1.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.group.state()).isEqualTo(BACKUP);
        assertThat(r1.groupLog.lines).endsWith("VRRP_Group(G1) Syncing instances to BACKUP state");

        net.run(net.settleNanos());
        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        assertThat(r2.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.vipsHeld()).containsExactlyInAnyOrder(VIP_A, VIP_B);
        assertThat(r2.vipsHeld()).isEmpty();
    }

    @Test
    void theGroupLeavesFaultOnlyWhenItsLastDownMemberIsUp() {
        startBothAndSettle();
        r1.a.setFault(true, "tracker chk_a failed");
        r1.b.setFault(true, "tracker chk_b failed");

        r1.a.setFault(false, "tracker chk_a recovered");
        assertThat(r1.states()).containsExactly(FAULT, FAULT);

        r1.b.setFault(false, "tracker chk_b recovered");
        assertThat(r1.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.groupLog.states).endsWith(FAULT, BACKUP);
    }

    @Test
    void aHigherPriorityAdvertOnOneMemberTakesBothToBackupWithoutResigningTheOther() {
        startBothAndSettle();
        long at = net.clock.nanoTime();
        InetAddress intruder = AdvertCodecTest.ip("198.51.100.99");
        SimulatedNetwork.Port port = net.linkA.attach(intruder, packet -> { });

        sendAdvert(port, 51, 254, VIP_A);
        net.run(2 * MS);

        assertThat(r1.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.group.state()).isEqualTo(BACKUP);
        assertThat(r1.vipsHeld()).isEmpty();
        assertThat(r1.groupLog.lines).endsWith("VRRP_Group(G1) Syncing instances to BACKUP state");
        assertThat(r1.logB.messages()).contains("(VI_B) Entering BACKUP STATE");
        // keepalived's vrrp_sync_backup() leaves MASTER without a priority 0 advert
        assertThat(SyncRouters.priorityZeroSent(net.linkB, r1.addressB, at)).isZero();
    }

    @Test
    void aMemberWhoseDownTimerFiresWaitsForTheOthersToWantMaster() {
        startBothAndSettle();

        // only R2's VI_A outranks R1: its down timer keeps firing, VI_B still follows R1
        r2.a.update(r2.a.settings().withPriority(200));
        net.run(5 * net.settleNanos());

        assertThat(r2.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        assertThat(r2.logA.messages()).contains("(VI_A) Receive advertisement timeout");
        assertThat(r2.vipsHeld()).isEmpty();

        // once VI_B outranks R1 too, R2 takes the group, and R1 follows the advert to BACKUP
        r2.b.update(r2.b.settings().withPriority(200));
        net.run(net.settleNanos());

        assertThat(r2.states()).containsExactly(MASTER, MASTER);
        assertThat(r1.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r2.vipsHeld()).containsExactlyInAnyOrder(VIP_A, VIP_B);
        assertThat(r1.vipsHeld()).isEmpty();
    }

    @Test
    void aMissingMemberIsNotWaitedForAndIsSyncedWhenItComes() {
        r1.group.add(r1.a); // VI_B not configured in the group yet
        r1.start();
        r2.startGrouped();
        net.run(net.settleNanos());
        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        assertThat(r1.group.memberNames()).containsExactly("VI_A");

        r1.linkADown();
        assertThat(r1.states()).containsExactly(FAULT, MASTER);

        r1.group.add(r1.b);
        assertThat(r1.states()).containsExactly(FAULT, FAULT);
        assertThat(r1.vipsHeld()).isEmpty();
    }

    @Test
    void dissolvingTheGroupLeavesItsMembersAsTheyAre() {
        startBothAndSettle();
        int changesBefore = r1.logB.changes().size();

        r1.group.dissolve();
        r1.linkADown();

        assertThat(r1.states()).containsExactly(FAULT, MASTER);
        assertThat(r1.logB.changes()).hasSize(changesBefore);
        assertThat(r1.vipsHeld()).containsExactly(VIP_B);
    }

    @Test
    void dissolvingTheGroupReleasesAMemberHeldInFaultForTheGroupOnly() {
        startBothAndSettle();
        r1.linkADown();

        r1.group.dissolve();

        assertThat(r1.states()).containsExactly(FAULT, BACKUP);
    }

    @Test
    void aMemberStartingWhileAnotherIsDownStartsInFault() {
        r1.group.add(r1.a);
        r1.group.add(r1.b);
        r1.a.setFault(true, "interface eth0 down");

        r1.start();

        assertThat(r1.states()).containsExactly(FAULT, FAULT);
        assertThat(r1.logB.messages()).contains("(VI_B) Entering FAULT STATE (init)");
        assertThat(r1.group.state()).isEqualTo(FAULT);
    }

    @Test
    void anInstanceBelongsToOneGroupOnly() {
        SyncGroup other = new SyncGroup("G2", new SyncRouters.GroupRecorder());
        r1.group.add(r1.a);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.add(r1.a))
                .hasMessage("Virtual router VI_A cannot exist in more than one sync group; ignoring G2");
        assertThat(other.memberNames()).isEmpty();
    }

    private void startBothAndSettle() {
        r1.startGrouped();
        r2.startGrouped();
        net.run(net.settleNanos());
        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        assertThat(r2.states()).containsExactly(BACKUP, BACKUP);
    }

    private static void sendAdvert(SimulatedNetwork.Port port, int vrid, int priority, dev.vigil.api.dataplane.VirtualAddress vip) {
        Advert advert = Advert.v2(vrid, priority, 1, null, List.of(vip.address()));
        InetAddress group = InstanceSettings.DEFAULT_MULTICAST_GROUP_V4;
        try {
            port.send(group, AdvertCodec.encode(advert, port.sourceAddress(), group));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
