package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.LinkWatch;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * Keeps the tracked static entries (all but {@code no_track} ones) in place as keepalived does:
 * one someone deletes is put back at once ({@code reinstate_static_address/route/rule()}), and
 * when an interface comes up its addresses and routes are put back (its
 * {@code static_track_group_reinstate_config()}: the kernel drops routes with a link). The work
 * runs on {@code restorer}, holding {@code lock} (the owner's, serialising it with its updates).
 * {@link #guard} and {@link #close} are called under that lock.
 */
final class StaticEntryGuard {

    private final StaticEntries entries;
    private final OptionalDeletionMonitor deletions;
    private final LinkMonitor links;
    private final ExecutorService restorer;
    private final Object lock;
    private final Consumer<String> warnings;
    private DeletionWatch deletionWatch;
    private final Map<String, LinkWatch> linkWatches = new HashMap<>();
    private WatchedEntries guarded = WatchedEntries.NONE;

    /** @param links null: no restoring on link up */
    StaticEntryGuard(StaticEntries entries, OptionalDeletionMonitor deletions, LinkMonitor links,
            ExecutorService restorer, Object lock, Consumer<String> warnings) {
        this.entries = entries;
        this.deletions = deletions;
        this.links = links;
        this.restorer = restorer;
        this.lock = lock;
        this.warnings = warnings;
    }

    /** Guards {@code tracked} from now on (nothing changes when it is what is guarded already). */
    void guard(WatchedEntries tracked) {
        if (tracked.equals(guarded)) {
            return;
        }
        closeWatches();
        guarded = tracked;
        try {
            deletionWatch = deletions.watch(tracked.addresses(), tracked.routes(), tracked.rules(),
                    new DeletionListener() {
                        @Override
                        public void addressDeleted(VirtualAddress address) {
                            restore(() -> entries.restore(address));
                        }

                        @Override
                        public void routeDeleted(VirtualRoute route) {
                            restore(() -> entries.restore(route));
                        }

                        @Override
                        public void ruleDeleted(VirtualRule rule) {
                            restore(() -> entries.restore(rule));
                        }
                    });
        } catch (IOException e) {
            warnings.accept("cannot watch the static addresses, routes and rules for deletions: " + e.getMessage());
        }
        if (links != null) {
            devices(tracked).forEach(this::watchLink);
        }
    }

    void close() {
        closeWatches();
        restorer.shutdownNow();
    }

    private void watchLink(String device) {
        try {
            linkWatches.put(device, links.watch(device, up -> {
                if (up) {
                    restore(() -> entries.restoreOnLink(device, guarded));
                }
            }));
        } catch (IOException e) {
            warnings.accept("cannot watch the link state of " + device + " for its static entries: " + e.getMessage());
        }
    }

    /** The interfaces whose coming up brings entries back: those of the addresses and routes. */
    private static Set<String> devices(WatchedEntries tracked) {
        Set<String> out = new LinkedHashSet<>();
        tracked.addresses().forEach(a -> out.add(a.device()));
        tracked.routes().stream().filter(r -> r.device() != null).forEach(r -> out.add(r.device()));
        return out;
    }

    private void restore(Runnable restoration) {
        try {
            restorer.execute(() -> {
                synchronized (lock) {
                    restoration.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile: nothing to keep in place any more
        }
    }

    private void closeWatches() {
        if (deletionWatch != null) {
            deletionWatch.close();
            deletionWatch = null;
        }
        linkWatches.values().forEach(LinkWatch::close);
        linkWatches.clear();
        guarded = WatchedEntries.NONE;
    }
}
