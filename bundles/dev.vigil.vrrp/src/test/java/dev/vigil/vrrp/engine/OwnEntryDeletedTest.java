package dev.vigil.vrrp.engine;

import static dev.vigil.api.VrrpState.BACKUP;
import static dev.vigil.api.VrrpState.MASTER;
import static dev.vigil.vrrp.engine.Rig.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.vrrp.engine.SyncRouters.Router;

/**
 * Someone deletes what a MASTER holds (keepalived's netlink reflector, set_vrrp_backup()): the
 * instance resigns and takes MASTER back after its skew time, its sync group with it.
 */
class OwnEntryDeletedTest {

    @Test
    void aMasterWhoseVipIsDeletedResignsAndTakesMasterBackAfterItsSkewTime() {
        Rig rig = new Rig(Rig.v2(100)).startAsMaster();
        rig.listener.clear();
        int sentBefore = rig.sent.size();
        rig.vips.deletedBySomeoneElse(VIP);

        rig.instance.ownEntryDeleted("VIP " + VIP);
        rig.clock.runDue();

        assertThat(rig.state()).isEqualTo(BACKUP);
        assertThat(rig.sentPriorities().subList(sentBefore, rig.sent.size())).containsExactly(0);
        assertThat(rig.listener.messages()).contains("(VI_1) Entering BACKUP STATE", "(VI_1) sent 0 priority");
        assertThat(rig.listener.changes()).last().extracting(c -> c.change().reason())
                .isEqualTo("VIP " + VIP + " deleted");

        rig.clock.runFor(VrrpInstanceTest.SKEW_100 - 1);
        assertThat(rig.state()).isEqualTo(BACKUP);
        rig.clock.runFor(1);
        assertThat(rig.state()).isEqualTo(MASTER);
        assertThat(rig.vips.held()).containsExactly(VIP);
        assertThat(rig.listener.messages()).contains("(VI_1) Entering MASTER STATE");
    }

    @Test
    void aBetterRouterHeardMeanwhileKeepsMaster() {
        Rig rig = new Rig(Rig.v2(100)).startAsMaster();
        rig.instance.ownEntryDeleted("VIP " + VIP);
        rig.clock.runDue();

        rig.inject(rig.advert(150), Rig.HIGHER);
        rig.clock.runFor(VrrpInstanceTest.SKEW_100);

        assertThat(rig.state()).isEqualTo(BACKUP);
        assertThat(rig.vips.held()).isEmpty();
    }

    @Test
    void aBackupHoldsNothingAndIgnoresIt() {
        Rig rig = new Rig(Rig.v2(100)).start();
        rig.instance.ownEntryDeleted("VIP " + VIP);
        rig.clock.runDue();

        assertThat(rig.state()).isEqualTo(BACKUP);
        assertThat(rig.sent).isEmpty();
        assertThat(rig.listener.states()).containsExactly(BACKUP);
    }

    @Test
    void theSyncGroupResignsTogetherAndTakesMasterBackTogether() {
        SyncRouters net = new SyncRouters();
        Router r1 = net.router(150, 150);
        Router r2 = net.router(100, 100);
        r1.startGrouped();
        r2.startGrouped();
        net.run(net.settleNanos());
        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        long at = net.clock.nanoTime();
        r1.vips.deletedBySomeoneElse(SyncRouters.VIP_A);

        r1.a.ownEntryDeleted("VIP " + SyncRouters.VIP_A);
        net.clock.runDue();

        assertThat(r1.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.group.state()).isEqualTo(BACKUP);
        assertThat(r1.vipsHeld()).isEmpty();
        // both members resign with a priority 0 advert, so that their peers do not wait long either
        assertThat(SyncRouters.priorityZeroSent(net.linkA, r1.addressA, at)).isEqualTo(1);
        assertThat(SyncRouters.priorityZeroSent(net.linkB, r1.addressB, at)).isEqualTo(1);

        net.run(VrrpTimers.skewNanos(2, 150, SyncRouters.INTERVAL_CENTIS) + 10 * SyncRouters.MS);

        assertThat(r1.states()).containsExactly(MASTER, MASTER);
        assertThat(r2.states()).containsExactly(BACKUP, BACKUP);
        assertThat(r1.vipsHeld()).containsExactlyInAnyOrder(SyncRouters.VIP_A, SyncRouters.VIP_B);
        assertThat(r1.group.state()).isEqualTo(MASTER);
        assertThat(List.of(r1.a.state(), r1.b.state())).doesNotContain(VrrpState.FAULT);
    }
}
