package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;
import static dev.vigil.vrrp.engine.Rig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.vrrp.engine.FakeVipManager.Kind;

/** keepalived's garp_extra_if on the simulated clock. */
class ExtraInterfaceGarpsTest {

    private static final VirtualAddress ON_ETH0 = Rig.VIP;
    private static final VirtualAddress ON_VMAC_A = new VirtualAddress(ip("203.0.113.10"), 24, "vrrp.7", null);
    private static final VirtualAddress ON_VMAC_B = new VirtualAddress(ip("203.0.113.11"), 24, "vrrp.7", null);
    private static final VirtualAddress ON_ETH1 = new VirtualAddress(ip("198.51.100.200"), 24, "eth1", null);

    private static Rig master(int seconds, Set<String> interfaces) {
        Rig rig = new Rig(Rig.v2(100).withVirtualAddresses(List.of(ON_ETH0, ON_VMAC_A, ON_VMAC_B, ON_ETH1))
                .withGarp(0, 1, 0, 1));
        rig.instance.setExtraInterfaceGarps(seconds, interfaces);
        return rig.startAsMaster();
    }

    private static List<String> announcedSince(Rig rig, long since) {
        return rig.vips.events().stream().filter(e -> e.kind() == Kind.ANNOUNCE && e.at() > since)
                .map(e -> e.vip().address().getHostAddress()).toList();
    }

    @Test
    void everyIntervalOneAnnouncementPerListedInterfaceWhileMaster() {
        Rig rig = master(10, Set.of("vrrp.7", "eth1"));
        long becameMaster = rig.now();

        rig.clock.runFor(10 * SECOND);
        assertThat(announcedSince(rig, becameMaster)).containsExactlyInAnyOrder("203.0.113.10", "198.51.100.200");

        long first = rig.now();
        rig.clock.runFor(10 * SECOND);
        assertThat(announcedSince(rig, first)).containsExactlyInAnyOrder("203.0.113.10", "198.51.100.200");
    }

    @Test
    void nothingWhenOffOrOnceMasterIsLost() {
        Rig off = master(0, Set.of("vrrp.7"));
        long since = off.now();
        off.clock.runFor(60 * SECOND);
        assertThat(announcedSince(off, since)).isEmpty();

        Rig lost = master(10, Set.of("vrrp.7"));
        long backup = lost.now();
        for (int second = 0; second < 30; second++) { // a higher priority master keeps advertising
            lost.inject(lost.advert(200), Rig.HIGHER);
            lost.clock.runFor(SECOND);
        }
        assertThat(lost.state()).isEqualTo(dev.vigil.api.VrrpState.BACKUP);
        assertThat(announcedSince(lost, backup)).isEmpty();
    }
}
