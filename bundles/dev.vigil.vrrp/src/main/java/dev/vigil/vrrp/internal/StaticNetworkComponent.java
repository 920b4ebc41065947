package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * keepalived's static_ipaddress, static_routes and static_rules: installed when the
 * configuration comes (whatever any instance's state), changed in place when it changes, and
 * removed when it goes, which is also what happens when the daemon stops (keepalived clears its
 * static entries on exit too).
 */
@Component(configurationPid = StaticNetworkComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = StaticConfig.class, factory = true)
public class StaticNetworkComponent {

    static final String FACTORY_PID = "vigil.static";

    private final StaticEntries entries;
    private final Logger log;
    private final OptionalDeletionMonitor deletions;
    /** Puts deleted entries back, off the monitor's thread; one at a time, in the order deleted. */
    private final ExecutorService restorer;
    private DeletionWatch watch;
    private WatchedEntries watched = WatchedEntries.NONE;

    @Activate
    public StaticNetworkComponent(StaticConfig config, @Reference VipManager vips, @Reference OptionalRouteManager routes,
            @Reference(service = LoggerFactory.class) Logger log, @Reference OptionalDeletionMonitor deletions) {
        this(config, vips, routes, log, deletions, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-static-restore");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Without deletion tracking (a data plane without a DeletionMonitor). */
    StaticNetworkComponent(StaticConfig config, VipManager vips, OptionalRouteManager routes, Logger log) {
        this(config, vips, routes, log, new OptionalDeletionMonitor(null), Executors.newSingleThreadExecutor());
    }

    StaticNetworkComponent(StaticConfig config, VipManager vips, OptionalRouteManager routes, Logger log,
            OptionalDeletionMonitor deletions, ExecutorService restorer) {
        this.log = log;
        this.deletions = deletions;
        this.restorer = restorer;
        this.entries = new StaticEntries(vips, routes, log::warn, log::info);
        apply(config);
    }

    @Modified
    synchronized void modified(StaticConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        closeWatch();
        restorer.shutdownNow();
        entries.clear();
    }

    private synchronized void apply(StaticConfig config) {
        StaticEntries.Entries next = entries(config);
        entries.apply(next);
        log.info("static addresses, routes and rules: {} / {} / {}", next.addresses().size(), next.routes().size(),
                next.rules().size());
        WatchedEntries tracked = watchedEntries(config);
        if (!tracked.equals(watched)) {
            watch(tracked);
        }
    }

    /**
     * keepalived tracks its static entries (unless {@code no_track}): one someone deletes is put
     * back at once.
     */
    private void watch(WatchedEntries tracked) {
        closeWatch();
        watched = tracked;
        try {
            watch = deletions.watch(tracked.addresses(), tracked.routes(), tracked.rules(), new DeletionListener() {
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
            log.warn("cannot watch the static addresses, routes and rules for deletions: {}", e.getMessage());
        }
    }

    private void restore(Runnable restoration) {
        if (!restorer.isShutdown()) {
            restorer.execute(() -> {
                synchronized (this) {
                    restoration.run();
                }
            });
        }
    }

    private void closeWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        watched = WatchedEntries.NONE;
    }

    /** The static entries whose deletion is watched: all but {@code no_track} ones. */
    static WatchedEntries watchedEntries(StaticConfig c) {
        return new WatchedEntries(WatchedEntries.addresses(c.staticIpAddresses(), null),
                WatchedEntries.routes(c.staticRoutes()), WatchedEntries.rules(c.staticRules()));
    }

    /** Throws IllegalArgumentException naming the entry at fault: the configuration is refused whole. */
    static StaticEntries.Entries entries(StaticConfig c) {
        List<VirtualAddress> addresses = new ArrayList<>();
        for (String line : c.staticIpAddresses()) {
            if (!line.matches(".*\\sdev\\s.*")) {
                throw new IllegalArgumentException("staticIpAddresses '" + line + "': a static address needs 'dev'");
            }
            addresses.add(SettingsMapper.parseVip(line, null));
        }
        return new StaticEntries.Entries(addresses,
                MasterExtrasMapper.parseAll(c.staticRoutes(), "staticRoutes", VirtualRoute::parse),
                MasterExtrasMapper.parseAll(c.staticRules(), "staticRules", VirtualRule::parse));
    }
}
