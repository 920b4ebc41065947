package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;

/**
 * Deletions in host 1's namespace: those made with iproute2 (someone else) are reported, those
 * Vigil's own managers make are not, nor are entries that are not watched.
 */
class NetlinkDeletionMonitorNetnsTest {

    @RegisterExtension
    final TopologyExtension<NetnsThread> host = new TopologyExtension<>(1, 1, NetnsThread::enter);
    private final NetlinkDeletionMonitor monitor = new NetlinkDeletionMonitor();
    private final NetlinkVipManager vips = new NetlinkVipManager();
    private final NetlinkRouteManager routes = new NetlinkRouteManager();
    private final BlockingQueue<Object> deleted = new LinkedBlockingQueue<>();
    private final DeletionListener recorder = new DeletionListener() {
        @Override
        public void addressDeleted(VirtualAddress address) {
            deleted.add(address);
        }

        @Override
        public void routeDeleted(VirtualRoute route) {
            deleted.add(route);
        }

        @Override
        public void ruleDeleted(VirtualRule rule) {
            deleted.add(rule);
        }

        @Override
        public void trackedAddressRemoved(TrackedAddress address) {
            deleted.add("-" + address);
        }

        @Override
        public void trackedAddressAdded(TrackedAddress address) {
            deleted.add("+" + address);
        }
    };

    @AfterEach
    void down() {
        monitor.deactivate();
        vips.deactivate();
    }

    private void ip(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        host.net().exec(1, Duration.ofSeconds(5), cmd).orThrow();
    }

    private static VirtualAddress vip(String address, int length) throws Exception {
        return new VirtualAddress(InetAddress.getByName(address), length, "eth0", null);
    }

    @Test
    void anAddressDeletedWithIproute2IsReportedOneVigilDeletesIsNot() throws Exception {
        VirtualAddress v4 = vip("198.51.100.100", 24);
        VirtualAddress v6 = vip("2001:db8:1::100", 64);
        VirtualAddress unwatched = vip("198.51.100.101", 24);
        for (VirtualAddress a : List.of(v4, v6, unwatched)) {
            host.host(1).call(() -> vips.add(a));
        }
        DeletionWatch watch = host.host(1).call(() -> monitor.watch(List.of(v4, v6), List.of(), List.of(), recorder));

        ip("addr", "del", "198.51.100.101/24", "dev", "eth0");
        ip("addr", "del", "198.51.100.100/24", "dev", "eth0");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo(v4);
        ip("-6", "addr", "del", "2001:db8:1::100/64", "dev", "eth0");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo(v6);

        // Vigil's own deletions, as when leaving MASTER: silence
        host.host(1).call(() -> vips.add(v4));
        host.host(1).call(() -> vips.add(v6));
        assertThat(host.host(1).call(() -> vips.remove(v4))).isTrue();
        assertThat(host.host(1).call(() -> vips.remove(v6))).isTrue();
        assertThat(deleted.poll(500, TimeUnit.MILLISECONDS)).isNull();

        watch.close();
        host.host(1).call(() -> vips.add(v4));
        ip("addr", "del", "198.51.100.100/24", "dev", "eth0");
        assertThat(deleted.poll(300, TimeUnit.MILLISECONDS)).as("closed: nothing more").isNull();
    }

    @Test
    void routesAndRulesDeletedWithIproute2AreReportedThoseVigilDeletesAreNot() throws Exception {
        VirtualRoute route = VirtualRoute.parse("203.0.113.0/24 via 198.51.100.12 table 100");
        VirtualRoute route6 = VirtualRoute.parse("blackhole 2001:db8:5::/48");
        VirtualRule rule = VirtualRule.parse("from 198.51.100.0/24 priority 1000 table 100");
        for (VirtualRoute r : List.of(route, route6)) {
            host.host(1).call(() -> routes.addRoute(r));
        }
        host.host(1).call(() -> routes.addRule(rule));
        host.host(1).call(() -> monitor.watch(List.of(), List.of(route, route6), List.of(rule), recorder));

        ip("route", "del", "203.0.113.0/24", "table", "100");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo(route);
        ip("-6", "route", "del", "blackhole", "2001:db8:5::/48");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo(route6);
        ip("rule", "del", "priority", "1000");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo(rule);

        host.host(1).call(() -> routes.addRoute(route));
        host.host(1).call(() -> routes.addRule(rule));
        assertThat(host.host(1).call(() -> routes.removeRoute(route))).isTrue();
        assertThat(host.host(1).call(() -> routes.removeRule(rule))).isTrue();
        assertThat(deleted.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aRouteOfAnotherProtocolForTheSamePrefixIsNotOurs() throws Exception {
        VirtualRoute ours = VirtualRoute.parse("203.0.113.0/25 via 198.51.100.12");
        host.host(1).call(() -> monitor.watch(List.of(), List.of(ours), List.of(), recorder));
        ip("route", "add", "203.0.113.0/25", "via", "198.51.100.12");
        ip("route", "del", "203.0.113.0/25", "via", "198.51.100.12");
        assertThat(deleted.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void itIsTheManagersNoteThatSilencesVigilsOwnDeletions() throws Exception {
        NetlinkDeletionMonitor unaware = new NetlinkDeletionMonitor(dev.vigil.libc.LibC.get(),
                new OwnDeletions(System::nanoTime));
        VirtualAddress v4 = vip("198.51.100.100", 24);
        host.host(1).call(() -> vips.add(v4));
        host.host(1).call(() -> unaware.watch(List.of(v4), List.of(), List.of(), recorder));
        try {
            assertThat(host.host(1).call(() -> vips.remove(v4))).isTrue();
            assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo(v4);
        } finally {
            unaware.deactivate();
        }
    }

    @Test
    void aTrackedAddressIsReportedAsItIsAtTheStartThenAtEachRemovalAndReturn() throws Exception {
        ip("addr", "add", "198.51.100.77/24", "dev", "eth0");
        ip("-6", "addr", "add", "2001:db8:1::77/64", "dev", "eth0", "nodad");
        TrackedAddress v4 = new TrackedAddress(InetAddress.getByName("198.51.100.77"), "eth0");
        TrackedAddress v6 = new TrackedAddress(InetAddress.getByName("2001:db8:1::77"), "eth0");
        TrackedAddress absent = new TrackedAddress(InetAddress.getByName("198.51.100.78"), "eth0");
        DeletionWatch watch = host.host(1).call(() -> monitor.watch(List.of(), List.of(), List.of(),
                List.of(v4, v6, absent), recorder));

        assertThat(List.of(deleted.poll(2, TimeUnit.SECONDS), deleted.poll(2, TimeUnit.SECONDS),
                deleted.poll(2, TimeUnit.SECONDS))).as("the state at the start")
                .containsExactly("+198.51.100.77 on eth0", "+2001:db8:1:0:0:0:0:77 on eth0", "-198.51.100.78 on eth0");

        ip("addr", "del", "198.51.100.77/24", "dev", "eth0");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo("-198.51.100.77 on eth0");
        ip("addr", "add", "198.51.100.77/25", "dev", "eth0");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).as("back, any prefix").isEqualTo("+198.51.100.77 on eth0");
        ip("-6", "addr", "del", "2001:db8:1::77/64", "dev", "eth0");
        assertThat(deleted.poll(2, TimeUnit.SECONDS)).isEqualTo("-2001:db8:1:0:0:0:0:77 on eth0");

        ip("addr", "add", "198.51.100.79/24", "dev", "eth0");
        ip("addr", "del", "198.51.100.79/24", "dev", "eth0");
        assertThat(deleted.poll(500, TimeUnit.MILLISECONDS)).as("untracked: nothing").isNull();

        watch.close();
        ip("addr", "del", "198.51.100.77/25", "dev", "eth0");
        assertThat(deleted.poll(300, TimeUnit.MILLISECONDS)).as("closed: nothing more").isNull();
    }
}
