package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;
import static dev.vigil.vrrp.engine.Rig.HIGHER;
import static dev.vigil.vrrp.engine.Rig.SECOND;
import static dev.vigil.vrrp.engine.Rig.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.vrrp.engine.FakeVipManager.Kind;

/** virtual_ipaddress_excluded, virtual_routes and virtual_rules follow MASTER, in keepalived's order. */
class MasterExtrasTest {

    static final VirtualAddress EVIP = new VirtualAddress(ip("203.0.113.50"), 24, "eth1", null);
    static final VirtualAddress EVIP2 = new VirtualAddress(ip("203.0.113.51"), 32, "eth1", null);
    static final VirtualRoute ROUTE = VirtualRoute.parse("198.51.100.128/25 via 203.0.113.1 src 203.0.113.50");
    static final VirtualRoute ROUTE2 = VirtualRoute.parse("blackhole 198.51.100.64/26");
    static final VirtualRule RULE = VirtualRule.parse("from 203.0.113.0/24 priority 100 table 10");
    static final MasterExtras EXTRAS = new MasterExtras(List.of(EVIP), List.of(ROUTE), List.of(RULE));

    private final Rig rig = new Rig(Rig.v2(100));
    private final FakeRouteManager routes = new FakeRouteManager(rig.journal);

    private Rig withExtras(MasterExtras extras) {
        rig.instance.setMasterExtras(extras, routes);
        return rig;
    }

    @Test
    void installedAfterTheVipsOnBecomingMasterAndAnnouncedButNeverAdvertised() {
        withExtras(EXTRAS).start();
        rig.journal.clear();

        rig.clock.runFor(4 * SECOND);

        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        assertThat(rig.journal.subList(0, 6)).containsExactly("ADVERT 100", "ADD 198.51.100.100", "ADD 203.0.113.50",
                "ADD ROUTE " + ROUTE, "ADD RULE " + RULE, "ANNOUNCE 198.51.100.100");
        assertThat(rig.journal).contains("ANNOUNCE 203.0.113.50");
        assertThat(rig.vips.held()).containsExactlyInAnyOrder(VIP, EVIP);
        assertThat(routes.held()).containsExactlyInAnyOrder(ROUTE, RULE);
        assertThat(rig.sent).allSatisfy(s -> assertThat(s.advert().addresses()).containsExactly(VIP.address()));
        assertThat(rig.listener.messages()).contains("(VI_1) setting E-VIPs.", "(VI_1) setting Virtual Routes",
                "(VI_1) setting Virtual Rules");
    }

    @Test
    void theDelayedGarpBurstAnnouncesExcludedAddressesToo() {
        withExtras(EXTRAS).startAsMaster();
        long announcedBefore = rig.vips.events(Kind.ANNOUNCE).stream().filter(e -> e.vip().equals(EVIP)).count();

        rig.clock.runFor(5 * SECOND);

        long announced = rig.vips.events(Kind.ANNOUNCE).stream().filter(e -> e.vip().equals(EVIP)).count();
        assertThat(announcedBefore).isEqualTo(5);
        assertThat(announced).isEqualTo(10);
    }

    @Test
    void removedRulesFirstAndExcludedAddressesLastOnLeavingMaster() {
        withExtras(EXTRAS).startAsMaster();
        rig.journal.clear();

        rig.inject(rig.advert(150), HIGHER);

        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.journal).containsExactly("REMOVE RULE " + RULE, "REMOVE ROUTE " + ROUTE,
                "REMOVE 198.51.100.100", "REMOVE 203.0.113.50", "STATE BACKUP");
        assertThat(rig.vips.held()).isEmpty();
        assertThat(routes.held()).isEmpty();
    }

    @Test
    void faultAndStopReleaseThemLikeVips() {
        withExtras(EXTRAS).startAsMaster();
        rig.instance.setFault(true, "interface eth0 down");
        assertThat(routes.held()).isEmpty();
        assertThat(rig.vips.held()).isEmpty();

        rig.instance.setFault(false, "interface eth0 up");
        rig.clock.runFor(4 * SECOND);
        assertThat(rig.state()).isEqualTo(VrrpState.MASTER);
        assertThat(routes.held()).containsExactlyInAnyOrder(ROUTE, RULE);

        rig.instance.stop();
        assertThat(routes.held()).isEmpty();
        assertThat(rig.vips.held()).isEmpty();
    }

    @Test
    void leftoversOfAnEarlierRunAreClearedWhenStartingAsBackup() {
        rig.vips.preset(EVIP);
        withExtras(EXTRAS).start();

        assertThat(rig.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rig.vips.held()).isEmpty();
        assertThat(rig.journal).contains("REMOVE RULE " + RULE, "REMOVE ROUTE " + ROUTE);
    }

    @Test
    void pacedAnnouncementsOfExcludedAddressesAreDroppedOnLeavingMaster() {
        Rig paced = new Rig(Rig.v2(100).withOptions(ProtocolOptions.KEEPALIVED_DEFAULTS
                .withAnnouncementIntervals(100_000, 100_000)));
        paced.instance.setMasterExtras(EXTRAS, new FakeRouteManager(paced.journal));
        paced.startAsMaster();
        long queued = paced.vips.events(Kind.ANNOUNCE).stream().filter(e -> e.vip().equals(EVIP)).count();

        paced.inject(paced.advert(150), HIGHER);
        paced.clock.runFor(2 * SECOND);

        assertThat(queued).as("one lane per interface: 100 ms apart, some still queued").isLessThan(5);
        assertThat(paced.vips.events(Kind.ANNOUNCE).stream().filter(e -> e.vip().equals(EVIP)).count())
                .isEqualTo(queued);
    }

    @Test
    void aChangeWhileMasterAppliesTheDifferenceOnlyAndAnnouncesNewAddresses() {
        withExtras(EXTRAS).startAsMaster();
        rig.journal.clear();

        rig.instance.setMasterExtras(new MasterExtras(List.of(EVIP, EVIP2), List.of(ROUTE2), List.of(RULE)), routes);

        assertThat(rig.journal.subList(0, 4)).containsExactly("REMOVE ROUTE " + ROUTE, "ADD 203.0.113.51",
                "ADD ROUTE " + ROUTE2, "ANNOUNCE 203.0.113.51");
        assertThat(rig.journal).doesNotContain("REMOVE 203.0.113.50", "REMOVE RULE " + RULE, "ANNOUNCE 203.0.113.50");
        assertThat(routes.held()).containsExactlyInAnyOrder(ROUTE2, RULE);
        assertThat(rig.vips.held()).containsExactlyInAnyOrder(VIP, EVIP, EVIP2);
    }

    @Test
    void aChangeWhileBackupWaitsForTheNextMaster() {
        withExtras(EXTRAS).start();
        rig.journal.clear();

        rig.instance.setMasterExtras(new MasterExtras(List.of(), List.of(ROUTE2), List.of()), routes);

        assertThat(rig.journal).isEmpty();
        rig.clock.runFor(4 * SECOND);
        assertThat(routes.held()).containsExactly(ROUTE2);
        assertThat(rig.vips.held()).containsExactly(VIP);
    }

    @Test
    void aRefusedRouteIsLoggedAndTheRestStillInstalled() {
        routes.failing(true);
        withExtras(EXTRAS).startAsMaster();

        assertThat(rig.vips.held()).containsExactlyInAnyOrder(VIP, EVIP);
        assertThat(rig.listener.messages()).contains(
                "(VI_1) cannot add route " + ROUTE + ": RTNETLINK answers: Network is unreachable",
                "(VI_1) cannot add rule " + RULE + ": RTNETLINK answers: Network is unreachable");
    }
}
