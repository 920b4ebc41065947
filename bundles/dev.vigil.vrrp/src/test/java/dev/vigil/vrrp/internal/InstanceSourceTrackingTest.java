package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionMonitor;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/** track_src_ip through an instance's deletion watch: presence reports on the loop, none from a replaced watch. */
class InstanceSourceTrackingTest {

    private final List<Runnable> loop = new ArrayList<>();
    private final List<String> presence = new ArrayList<>();
    private final TrackingMonitor monitor = new TrackingMonitor();
    private final InstanceDeletionWatch watch = new InstanceDeletionWatch(new OptionalDeletionMonitor(monitor),
            loop::add, message -> { }, message -> { }, (address, present) -> presence.add((present ? "+" : "-")
                    + address));

    @Test
    void theTrackedSourceIsWatchedAndItsComingsAndGoingsReachTheLoop() throws Exception {
        TrackedAddress source = new TrackedAddress(InetAddress.getByName("198.51.100.2"), "eth0");
        watch.watch(null, new WatchedEntries(List.of(), List.of(), List.of(), List.of(source)));
        assertThat(monitor.tracked).containsExactly(source);

        monitor.listener.trackedAddressRemoved(source);
        assertThat(presence).as("not before the loop runs it").isEmpty();
        runLoop();
        monitor.listener.trackedAddressAdded(source);
        runLoop();
        assertThat(presence).containsExactly("-198.51.100.2 on eth0", "+198.51.100.2 on eth0");
    }

    @Test
    void aReportOfAReplacedWatchIsDropped() throws Exception {
        TrackedAddress source = new TrackedAddress(InetAddress.getByName("198.51.100.2"), "eth0");
        WatchedEntries entries = new WatchedEntries(List.of(), List.of(), List.of(), List.of(source));
        watch.watch(null, entries);
        DeletionListener first = monitor.listener;
        first.trackedAddressRemoved(source);
        watch.watch(null, entries);
        runLoop();
        assertThat(presence).isEmpty();
    }

    private void runLoop() {
        List<Runnable> due = List.copyOf(loop);
        loop.clear();
        due.forEach(Runnable::run);
    }

    private static final class TrackingMonitor implements DeletionMonitor {
        Collection<TrackedAddress> tracked;
        DeletionListener listener;

        @Override
        public DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
                Collection<VirtualRule> rules, DeletionListener listener) {
            return watch(addresses, routes, rules, List.of(), listener);
        }

        @Override
        public DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
                Collection<VirtualRule> rules, Collection<TrackedAddress> tracked, DeletionListener listener) {
            this.tracked = tracked;
            this.listener = listener;
            return () -> { };
        }
    }
}
