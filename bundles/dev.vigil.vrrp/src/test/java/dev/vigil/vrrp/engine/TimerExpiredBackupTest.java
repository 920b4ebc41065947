package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.Rig.MS;
import static dev.vigil.vrrp.engine.Rig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;

/**
 * keepalived's timer_expired_backup on the simulated clock: a MASTER frozen for longer than a
 * router of the given priority needs to take over goes back to BACKUP when it runs again.
 */
class TimerExpiredBackupTest {

    private static Rig master(int highestOther) {
        Rig rig = new Rig(Rig.v2(100).withPreempt(false, 0));
        rig.instance.setTimerExpiredBackup(highestOther);
        return rig.startAsMaster();
    }

    @Test
    void aStallLongerThanTheOthersMasterDownIntervalMakesItBackup() {
        Rig rig = master(254);
        int sent = rig.sent.size();

        // Master_Down_Interval at 254 for 1 s adverts: 3 s + 2/256 s; frozen for 4 s
        rig.clock.stall(4 * SECOND);
        rig.clock.runDue();

        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.sent).hasSize(sent); // no advert after the pause: another router may own the VIPs
        assertThat(rig.vips.held()).isEmpty();
        assertThat(rig.listener.messages()).anyMatch(m -> m.startsWith("VRRP thread timer expired 3.")
                && m.endsWith(" seconds ago"));
    }

    @Test
    void aShorterStallOrNoSettingKeepsItMaster() {
        Rig short_ = master(254);
        short_.clock.stall(2 * SECOND);
        short_.clock.runDue();
        assertThat(short_.state()).isEqualTo(VrrpState.MASTER);

        Rig off = master(0);
        off.clock.stall(10 * SECOND);
        off.clock.runDue();
        assertThat(off.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aLowerHighestOtherPriorityAllowsALongerStall() {
        // priority 1: 3 s + 255/256 s of 1 s adverts
        Rig rig = master(1);
        rig.clock.stall(3900 * MS);
        rig.clock.runDue();
        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);

        rig.clock.stall(5 * SECOND);
        rig.clock.runDue();
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
    }
}
