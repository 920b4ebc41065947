package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.vrrp.engine.VrrpInstance;

/**
 * keepalived's netlink reflector for one instance: someone else deleting one of its VIPs,
 * excluded addresses, virtual routes or rules (not {@code no_track}) is handed to
 * {@link VrrpInstance#ownEntryDeleted} on the loop, which makes a MASTER resign and take it back.
 * A report that arrives after the watch was replaced or closed is dropped. Loop thread only.
 */
final class InstanceDeletionWatch {

    private final OptionalDeletionMonitor monitor;
    private final Executor loop;
    private final Consumer<String> detail;
    private final Consumer<String> warnings;
    private final BiConsumer<TrackedAddress, Boolean> sourcePresence;
    private DeletionWatch watch;
    private WatchedEntries entries = WatchedEntries.NONE;
    /** Bumped on every (re)watch and close: a report of an older watch finds another value. */
    private long generation;

    InstanceDeletionWatch(OptionalDeletionMonitor monitor, Executor loop, Consumer<String> detail,
            Consumer<String> warnings) {
        this(monitor, loop, detail, warnings, (address, present) -> { });
    }

    /** {@code sourcePresence} hears, on the loop, whether the tracked source address is on its interface. */
    InstanceDeletionWatch(OptionalDeletionMonitor monitor, Executor loop, Consumer<String> detail,
            Consumer<String> warnings, BiConsumer<TrackedAddress, Boolean> sourcePresence) {
        this.monitor = monitor;
        this.loop = loop;
        this.detail = detail;
        this.warnings = warnings;
        this.sourcePresence = sourcePresence;
    }

    WatchedEntries entries() {
        return entries;
    }

    /** Watches {@code watched} for {@code instance}, replacing what was watched before. */
    void watch(VrrpInstance instance, WatchedEntries watched) {
        close();
        entries = watched;
        long mine = generation;
        try {
            watch = monitor.watch(watched.addresses(), watched.routes(), watched.rules(), watched.tracked(),
                    new DeletionListener() {
                @Override
                public void addressDeleted(VirtualAddress address) {
                    report(mine, () -> {
                        detail.accept("Netlink reflector reports IP " + address.address().getHostAddress()
                                + " removed from " + address.device());
                        boolean vip = instance.settings().virtualAddresses().contains(address);
                        instance.ownEntryDeleted((vip ? "VIP " : "eVIP ") + address);
                    });
                }

                @Override
                public void routeDeleted(VirtualRoute route) {
                    report(mine, () -> instance.ownEntryDeleted("virtual route " + route));
                }

                @Override
                public void ruleDeleted(VirtualRule rule) {
                    report(mine, () -> instance.ownEntryDeleted("virtual rule " + rule));
                }

                @Override
                public void trackedAddressRemoved(TrackedAddress address) {
                    report(mine, () -> sourcePresence.accept(address, false));
                }

                @Override
                public void trackedAddressAdded(TrackedAddress address) {
                    report(mine, () -> sourcePresence.accept(address, true));
                }
            });
        } catch (IOException e) {
            warnings.accept("(" + instance.settings().name() + ") cannot watch its addresses, routes and rules for "
                    + "deletions: " + e.getMessage());
        }
    }

    void close() {
        generation++;
        if (watch != null) {
            watch.close();
            watch = null;
        }
        entries = WatchedEntries.NONE;
    }

    /** On the loop, unless the watch that saw it has been replaced or closed since. */
    private void report(long seenBy, Runnable reaction) {
        loop.execute(() -> {
            if (seenBy == generation) {
                reaction.run();
            }
        });
    }
}
