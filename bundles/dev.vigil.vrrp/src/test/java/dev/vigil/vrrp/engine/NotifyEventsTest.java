package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.Rig.HIGHER;
import static dev.vigil.vrrp.engine.Rig.LOWER;
import static dev.vigil.vrrp.engine.Rig.MS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;

/** keepalived's events that change no state: notify_master_rx_lower_pri and notify_priority_changes. */
class NotifyEventsTest {

    @Nested
    class MasterHearingALowerPriority {

        @Test
        void eachLowerPriorityAdvertIsOneEventWithOurPriority() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();

            rig.inject(rig.advert(50), LOWER);
            rig.clock.runFor(300 * MS);
            rig.inject(rig.advert(60), LOWER);

            assertThat(rig.listener.events()).containsExactly("MASTER_RX_LOWER_PRI 100 from 198.51.100.3",
                    "MASTER_RX_LOWER_PRI 100 from 198.51.100.3");
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        }

        @Test
        void equalPriorityFromALowerAddressCountsAsLower() {
            Rig rig = new Rig(Rig.v2(100)).startAsMaster();

            rig.inject(rig.advert(100), LOWER);

            assertThat(rig.listener.events()).containsExactly("MASTER_RX_LOWER_PRI 100 from 198.51.100.3");
        }

        @Test
        void evenWithLowerPrioNoAdvert() {
            Rig rig = new Rig(Rig.v2(100).withOptions(
                    ProtocolOptions.KEEPALIVED_DEFAULTS.withMasterReactions(true, false, 0, 0))).startAsMaster();

            rig.inject(rig.advert(50), LOWER);

            assertThat(rig.listener.events()).containsExactly("MASTER_RX_LOWER_PRI 100 from 198.51.100.3");
        }

        @Test
        void notForPriorityZeroNorAHigherPriorityNorAsBackup() {
            Rig master = new Rig(Rig.v2(100)).startAsMaster();
            master.inject(master.advert(0), LOWER);
            master.inject(master.advert(150), HIGHER);
            assertThat(master.state()).isEqualTo(VrrpState.BACKUP);
            master.inject(master.advert(50), LOWER); // a BACKUP just discards it

            Rig backup = new Rig(Rig.v2(100)).start();
            backup.inject(backup.advert(50), LOWER);

            assertThat(master.listener.events()).isEmpty();
            assertThat(backup.listener.events()).isEmpty();
        }
    }

    @Nested
    class PriorityChanges {

        @Test
        void aChangedEffectivePriorityIsReportedWithTheState() {
            Rig rig = new Rig(Rig.v2(100));
            rig.instance.setNotifyPriorityChanges(true);
            rig.start();

            rig.instance.setPriorityOffset(-10);
            rig.clock.runFor(5_000 * MS);
            assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
            rig.instance.setPriorityOffset(20);

            assertThat(rig.listener.events()).containsExactly("BACKUP_PRIORITY 90", "MASTER_PRIORITY 120");
        }

        @Test
        void onlyRealChangesAndOnlyOnceStarted() {
            Rig rig = new Rig(Rig.v2(100));
            rig.instance.setNotifyPriorityChanges(true);
            rig.instance.setPriorityOffset(5); // before start: the first state notification carries it

            rig.start();
            rig.instance.setPriorityOffset(5);
            rig.instance.setPriorityOffset(500); // clamped to 254
            rig.instance.setPriorityOffset(600); // still 254

            assertThat(rig.listener.events()).containsExactly("BACKUP_PRIORITY 254");
        }

        @Test
        void aReloadedBasePriorityIsAChangeToo() {
            Rig rig = new Rig(Rig.v2(100));
            rig.instance.setNotifyPriorityChanges(true);
            rig.start();

            rig.instance.update(rig.settings.withPriority(80));

            assertThat(rig.listener.events()).containsExactly("BACKUP_PRIORITY 80");
        }

        @Test
        void anAddressOwnerKeeps255AndReportsNothing() {
            Rig rig = new Rig(Rig.v2(255));
            rig.instance.setNotifyPriorityChanges(true);
            rig.start();

            rig.instance.setPriorityOffset(-50);

            assertThat(rig.instance.effectivePriority()).isEqualTo(255);
            assertThat(rig.listener.events()).isEmpty();
        }

        @Test
        void switchedOffNothingIsReported() {
            Rig rig = new Rig(Rig.v2(100)).start();

            rig.instance.setPriorityOffset(-10);
            rig.instance.setNotifyPriorityChanges(true);
            rig.instance.setNotifyPriorityChanges(false);
            rig.instance.setPriorityOffset(10);

            assertThat(rig.instance.effectivePriority()).isEqualTo(110);
            assertThat(rig.listener.events()).isEmpty();
        }
    }
}
