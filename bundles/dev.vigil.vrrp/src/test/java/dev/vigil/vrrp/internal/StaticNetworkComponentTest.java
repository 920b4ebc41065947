package dev.vigil.vrrp.internal;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionMonitor;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.LinkWatch;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.testing.osgi.RecordingLogger;
import dev.vigil.testing.osgi.TypedConfigs;
import dev.vigil.vrrp.engine.FakeRouteManager;
import dev.vigil.vrrp.engine.FakeVipManager;

/** static_ipaddress/_routes/_rules: installed at once, changed by difference, removed on stop. */
class StaticNetworkComponentTest {

    private final List<String> journal = new ArrayList<>();
    private final FakeVipManager vips = new FakeVipManager(() -> 0L, journal);
    private final FakeRouteManager routes = new FakeRouteManager(journal);
    private final List<String> logged = RecordingLogger.lines();

    private static StaticConfig config(String[] addresses, String[] routeLines, String[] ruleLines) {
        return TypedConfigs.of(StaticConfig.class, Map.of("staticIpAddresses", addresses, "staticRoutes", routeLines,
                "staticRules", ruleLines));
    }

    private static VirtualAddress address(String ip, int length) throws Exception {
        return new VirtualAddress(InetAddress.getByName(ip), length, "eth1", null);
    }

    @Test
    void installedOnActivationChangedByDifferenceAndClearedOnDeactivation() throws Exception {
        String route = "198.51.100.0/24 via 203.0.113.1";
        String rule = "from 203.0.113.0/24 priority 200 table 20";
        StaticNetworkComponent component = new StaticNetworkComponent(config(new String[] {"203.0.113.9/24 dev eth1"},
                new String[] {route}, new String[] {rule}), vips, new OptionalRouteManager(routes), RecordingLogger.into(logged));

        assertThat(journal).containsExactly("ADD 203.0.113.9", "ADD ROUTE " + route, "ADD RULE " + rule);
        assertThat(vips.held()).containsExactly(address("203.0.113.9", 24));
        journal.clear();

        String route2 = "blackhole 198.51.100.64/26";
        component.modified(config(new String[] {"203.0.113.9/24 dev eth1"}, new String[] {route2},
                new String[] {rule}));
        assertThat(journal).as("the unchanged address and rule are left alone")
                .containsExactly("REMOVE ROUTE " + route, "ADD ROUTE " + route2);
        journal.clear();

        component.deactivate();
        assertThat(journal).containsExactly("REMOVE RULE " + rule, "REMOVE ROUTE " + route2, "REMOVE 203.0.113.9");
        assertThat(vips.held()).isEmpty();
        assertThat(routes.held()).isEmpty();
    }

    @Test
    void aRefusedEntryIsLoggedAndTheOthersInstalled() {
        routes.failing(true);
        new StaticNetworkComponent(config(new String[] {"203.0.113.9/24 dev eth1"},
                new String[] {"198.51.100.0/24 via 203.0.113.1"}, new String[0]), vips, new OptionalRouteManager(routes),
                RecordingLogger.into(logged));

        assertThat(vips.held()).hasSize(1);
        assertThat(logged).anySatisfy(l -> assertThat(l).contains(
                "cannot add static route 198.51.100.0/24 via 203.0.113.1: RTNETLINK answers: Network is unreachable"));
    }

    @Test
    void entriesAreParsedFromTheNormalisedTextAndAStaticAddressNeedsADevice() {
        StaticEntries.Entries e = StaticNetworkComponent.entries(config(new String[0],
                new String[] {"198.51.100.0/24 dev eth1 table 7"}, new String[] {"inet6 iif eth1 priority 5 prohibit"}));
        assertThat(e.routes()).containsExactly(VirtualRoute.parse("198.51.100.0/24 dev eth1 table 7"));
        assertThat(e.rules()).containsExactly(VirtualRule.parse("inet6 iif eth1 priority 5 prohibit"));

        assertThatThrownBy(() -> StaticNetworkComponent.entries(config(new String[] {"203.0.113.9/24"}, new String[0],
                new String[0]))).hasMessage("staticIpAddresses '203.0.113.9/24': a static address needs 'dev'");
        assertThatThrownBy(() -> StaticNetworkComponent.entries(config(new String[0],
                new String[] {"198.51.100.0/24 dev eth1 mtu 1300"}, new String[0])))
                .hasMessage("staticRoutes '198.51.100.0/24 dev eth1 mtu 1300': route option 'mtu' is not supported");
    }

    @Test
    void aStaticEntrySomeoneDeletesIsRestoredUnlessNoTrack() throws Exception {
        CapturingMonitor monitor = new CapturingMonitor();
        ExecutorService restorer = Executors.newSingleThreadExecutor();
        String route = "198.51.100.0/24 via 203.0.113.1";
        StaticNetworkComponent component = new StaticNetworkComponent(config(
                new String[] {"203.0.113.9/24 dev eth1", "203.0.113.10/24 dev eth1 no_track"}, new String[] {route},
                new String[0]), vips, new OptionalRouteManager(routes), RecordingLogger.into(logged),
                new OptionalDeletionMonitor(monitor), null, restorer);
        assertThat(monitor.addresses).containsExactly(address("203.0.113.9", 24));
        assertThat(monitor.routes).containsExactly(VirtualRoute.parse(route));
        journal.clear();

        vips.deletedBySomeoneElse(address("203.0.113.9", 24));
        monitor.listener.addressDeleted(address("203.0.113.9", 24));
        monitor.listener.routeDeleted(VirtualRoute.parse(route));
        restorer.shutdown();
        assertThat(restorer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(journal).containsExactly("ADD 203.0.113.9", "ADD ROUTE " + route);
        assertThat(vips.held()).contains(address("203.0.113.9", 24));
        assertThat(logged).anySatisfy(l -> assertThat(l).contains("Restoring deleted static address 203.0.113.9/24 dev eth1"));
        assertThat(logged).anySatisfy(l -> assertThat(l).contains("Restoring deleted static route " + route));
        component.deactivate();
        assertThat(monitor.closed).isTrue();
    }

    @Test
    void whenAnInterfaceComesUpItsStaticAddressesAndRoutesAreAddedBackWhereTheyWereLost() throws Exception {
        FakeLinks links = new FakeLinks();
        ExecutorService restorer = Executors.newSingleThreadExecutor();
        String route = "198.51.100.0/24 dev eth1";
        String untracked = "198.51.100.128/25 dev eth1 no_track";
        StaticNetworkComponent component = new StaticNetworkComponent(config(new String[] {"203.0.113.9/24 dev eth1"},
                new String[] {route, untracked}, new String[0]), vips, new OptionalRouteManager(routes),
                RecordingLogger.into(logged), new OptionalDeletionMonitor(null), links, restorer);
        assertThat(links.listeners).containsOnlyKeys("eth1");
        // the link went down and the kernel took the routes with it
        routes.removeRoute(VirtualRoute.parse(route));
        routes.removeRoute(VirtualRoute.parse(untracked));
        journal.clear();

        links.listeners.get("eth1").accept(true);
        restorer.shutdown();
        assertThat(restorer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(journal).containsExactly("ADD 203.0.113.9", "ADD ROUTE " + route);
        assertThat(routes.held()).containsExactly(VirtualRoute.parse(route));
        assertThat(logged).anySatisfy(l -> assertThat(l).contains("Restoring deleted static route " + route))
                .noneSatisfy(l -> assertThat(l).contains("Restoring deleted static address"));
        component.deactivate();
        assertThat(links.closed).containsExactly("eth1");
    }

    /** Link watches whose listeners the test calls. */
    private static final class FakeLinks implements LinkMonitor {
        final Map<String, Consumer<Boolean>> listeners = new java.util.LinkedHashMap<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public LinkWatch watch(String interfaceName, Consumer<Boolean> upListener) {
            listeners.put(interfaceName, upListener);
            return new LinkWatch() {
                @Override
                public String interfaceName() {
                    return interfaceName;
                }

                @Override
                public boolean up() {
                    return true;
                }

                @Override
                public void close() {
                    closed.add(interfaceName);
                }
            };
        }
    }

    /** Keeps what the component asked to watch and the listener it gave. */
    private static final class CapturingMonitor implements DeletionMonitor {
        Collection<VirtualAddress> addresses;
        Collection<VirtualRoute> routes;
        DeletionListener listener;
        boolean closed;

        @Override
        public DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
                Collection<VirtualRule> rules, DeletionListener listener) {
            this.addresses = addresses;
            this.routes = routes;
            this.listener = listener;
            return () -> closed = true;
        }
    }
}
