package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.Rig.HIGHER;
import static dev.vigil.vrrp.engine.Rig.SECOND;
import static dev.vigil.vrrp.engine.Rig.VIP;
import static dev.vigil.vrrp.engine.Rig.VIP2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;

/** no_accept: the VIPs are blocked just before they are added and unblocked just after they are removed. */
class AcceptModeTest {

    private final Rig rig = new Rig(Rig.v2(100));
    private final FakeVipFirewall firewall = new FakeVipFirewall(rig.journal);

    @Test
    void blockedBeforeTheVipsOnBecomingMasterAndUnblockedAfterThemOnLeaving() {
        rig.instance.setMasterExtras(new MasterExtras(List.of(MasterExtrasTest.EVIP), List.of(), List.of()), null);
        rig.instance.setAcceptModeFirewall(firewall);
        rig.start();
        assertThat(rig.journal).doesNotContain("UNBLOCK VI_1"); // nothing was blocked: nft is left alone at start
        rig.journal.clear();

        rig.clock.runFor(4 * SECOND);
        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.journal.subList(0, 4)).containsExactly("ADVERT 100", "BLOCK VI_1 198.51.100.100,203.0.113.50",
                "ADD 198.51.100.100", "ADD 203.0.113.50");
        assertThat(rig.listener.messages()).contains("(VI_1) setting firewall drop rule");

        rig.journal.clear();
        rig.inject(rig.advert(150), HIGHER);
        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.journal).containsExactly("REMOVE 198.51.100.100", "REMOVE 203.0.113.50", "UNBLOCK VI_1",
                "STATE BACKUP");
        assertThat(firewall.blocked()).isEmpty();
        assertThat(rig.listener.messages()).contains("(VI_1) removing firewall drop rule");
    }

    @Test
    void acceptModeAndTheAddressOwnerAreNeverBlocked() {
        rig.startAsMaster();
        assertThat(rig.journal).noneMatch(line -> line.contains("BLOCK"));

        Rig owner = new Rig(Rig.v2(255));
        owner.instance.setAcceptModeFirewall(new FakeVipFirewall(owner.journal));
        owner.startAsMaster();
        assertThat(owner.journal).noneMatch(line -> line.contains("BLOCK"));
    }

    @Test
    void aReloadWhileMasterBlocksTheNewVipListAndSwitchingToAcceptUnblocks() {
        rig.instance.setAcceptModeFirewall(firewall);
        rig.startAsMaster();
        rig.journal.clear();

        rig.instance.update(rig.settings.withVirtualAddresses(List.of(VIP, VIP2)));
        assertThat(rig.journal).contains("BLOCK VI_1 198.51.100.100,198.51.100.101");
        assertThat(rig.journal.indexOf("BLOCK VI_1 198.51.100.100,198.51.100.101"))
                .isLessThan(rig.journal.indexOf("ADD 198.51.100.101")).isNotNegative();

        rig.instance.setAcceptModeFirewall(null);
        assertThat(rig.journal).endsWith("UNBLOCK VI_1");
        assertThat(firewall.blocked()).isEmpty();
        assertThat(rig.vips.held()).containsExactlyInAnyOrder(VIP, VIP2);
    }

    @Test
    void aFirewallFailureIsLoggedAndTheVipsAreHeldAnyway() {
        firewall.failing(true);
        rig.instance.setAcceptModeFirewall(firewall);
        rig.startAsMaster();

        assertThat(rig.vips.held()).containsExactly(VIP);
        assertThat(rig.listener.messages()).contains("(VI_1) cannot set firewall drop rule: nft failed");

        firewall.failing(false);
        rig.inject(rig.advert(150), HIGHER);
        assertThat(rig.journal).contains("UNBLOCK VI_1"); // what did get through is cleared
    }
}
