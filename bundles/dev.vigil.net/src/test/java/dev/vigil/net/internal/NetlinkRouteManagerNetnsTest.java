package dev.vigil.net.internal;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.libc.Errno;
import dev.vigil.libc.NativeException;

/** Routes and rules added in host 1's namespace, read back with iproute2 there. */
class NetlinkRouteManagerNetnsTest {

    @RegisterExtension
    final TopologyExtension<NetnsThread> host = new TopologyExtension<>(1, 1, NetnsThread::enter);
    private final NetlinkRouteManager routes = new NetlinkRouteManager();


    private List<String> ip(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return host.net().exec(1, Duration.ofSeconds(5), cmd).orThrow().stdout().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void routeViaGatewayInATableIsAddedAdoptedAndRemoved() throws Exception {
        VirtualRoute route = VirtualRoute.parse("203.0.113.0/24 via 198.51.100.12 dev eth0 src 198.51.100.11 table 100 metric 5");
        assertThat(host.host(1).call(() -> routes.addRoute(route))).isTrue();
        assertThat(ip("route", "show", "table", "100"))
                .containsExactly("203.0.113.0/24 via 198.51.100.12 dev eth0 proto keepalived src 198.51.100.11 metric 5");
        assertThat(host.host(1).call(() -> routes.addRoute(route))).as("second add adopts").isFalse();

        assertThat(host.host(1).call(() -> routes.removeRoute(route))).isTrue();
        assertThat(ip("route", "show", "table", "100")).isEmpty();
        assertThat(host.host(1).call(() -> routes.removeRoute(route))).as("second remove finds nothing").isFalse();
    }

    @Test
    void removeLeavesARouteOfAnotherProtocolAlone() throws Exception {
        host.net().exec(1, Duration.ofSeconds(5), "ip", "route", "add", "203.0.113.0/25", "via", "198.51.100.12").orThrow();
        VirtualRoute ours = VirtualRoute.parse("203.0.113.0/25 via 198.51.100.12");
        assertThat(host.host(1).call(() -> routes.removeRoute(ours))).isFalse();
        assertThat(ip("route", "show", "203.0.113.0/25")).containsExactly("203.0.113.0/25 via 198.51.100.12 dev eth0");
    }

    @Test
    void ipv6BlackholeAndDeviceRoutes() throws Exception {
        VirtualRoute blackhole = VirtualRoute.parse("blackhole 2001:db8:5::/48");
        VirtualRoute onLink = VirtualRoute.parse("2001:db8:6::/64 dev eth0 metric 300");
        assertThat(host.host(1).call(() -> routes.addRoute(blackhole))).isTrue();
        assertThat(host.host(1).call(() -> routes.addRoute(onLink))).isTrue();
        assertThat(ip("-6", "route", "show", "proto", "keepalived")).containsExactly(
                "blackhole 2001:db8:5::/48 dev lo metric 1024 pref medium",
                "2001:db8:6::/64 dev eth0 metric 300 pref medium");
        assertThat(host.host(1).call(() -> routes.removeRoute(blackhole))).isTrue();
        assertThat(host.host(1).call(() -> routes.removeRoute(onLink))).isTrue();
        assertThat(ip("-6", "route", "show", "proto", "keepalived")).isEmpty();
    }

    @Test
    void aRouteOnAMissingDeviceIsRefusedAndCountsAsGone() throws Exception {
        VirtualRoute route = VirtualRoute.parse("203.0.113.0/24 dev vgnosuch0");
        assertThatThrownBy(() -> host.host(1).call(() -> routes.addRoute(route)))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
        assertThat(host.host(1).call(() -> routes.removeRoute(route))).isFalse();
    }

    @Test
    void rulesAreAddedAdoptedAndRemoved() throws Exception {
        VirtualRule lookup = VirtualRule.parse("from 198.51.100.0/24 fwmark 0x10/0xff priority 1000 table 100");
        VirtualRule drop = VirtualRule.parse("not to 2001:db8:7::/48 iif eth0 priority 1001 prohibit");
        assertThat(host.host(1).call(() -> routes.addRule(lookup))).isTrue();
        assertThat(host.host(1).call(() -> routes.addRule(drop))).isTrue();
        assertThat(ip("rule", "show", "priority", "1000"))
                .containsExactly("1000:\tfrom 198.51.100.0/24 fwmark 0x10/0xff lookup 100 proto keepalived");
        assertThat(ip("-6", "rule", "show", "priority", "1001"))
                .containsExactly("1001:\tnot from all to 2001:db8:7::/48 iif eth0 prohibit proto keepalived");
        assertThat(host.host(1).call(() -> routes.addRule(lookup))).as("second add adopts").isFalse();

        assertThat(host.host(1).call(() -> routes.removeRule(lookup))).isTrue();
        assertThat(host.host(1).call(() -> routes.removeRule(drop))).isTrue();
        assertThat(ip("rule", "show", "priority", "1000")).isEmpty();
        assertThat(ip("-6", "rule", "show", "priority", "1001")).isEmpty();
        assertThat(host.host(1).call(() -> routes.removeRule(lookup))).as("second remove finds nothing").isFalse();
    }
}
