package dev.vigil.vrrp.internal;

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

import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * keepalived's static_ipaddress, static_routes and static_rules: installed when the
 * configuration comes (whatever any instance's state), changed in place when it changes, and
 * removed when it goes, which is also what happens when the daemon stops (keepalived clears its
 * static entries on exit too). Tracked entries are kept in place ({@link StaticEntryGuard}).
 */
@Component(configurationPid = StaticNetworkComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = StaticConfig.class, factory = true)
public class StaticNetworkComponent {

    static final String FACTORY_PID = "vigil.static";

    private final StaticEntries entries;
    private final StaticEntryGuard guard;
    private final Logger log;

    @Activate
    public StaticNetworkComponent(StaticConfig config, @Reference VipManager vips, @Reference OptionalRouteManager routes,
            @Reference(service = LoggerFactory.class) Logger log, @Reference OptionalDeletionMonitor deletions,
            @Reference LinkMonitor links) {
        this(config, vips, routes, log, deletions, links, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-static-restore");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Without tracking (a data plane without a DeletionMonitor, no link watches). */
    StaticNetworkComponent(StaticConfig config, VipManager vips, OptionalRouteManager routes, Logger log) {
        this(config, vips, routes, log, new OptionalDeletionMonitor(null), null, Executors.newSingleThreadExecutor());
    }

    /** @param links null for no restoring on link up */
    StaticNetworkComponent(StaticConfig config, VipManager vips, OptionalRouteManager routes, Logger log,
            OptionalDeletionMonitor deletions, LinkMonitor links, ExecutorService restorer) {
        this.log = log;
        this.entries = new StaticEntries(vips, routes, log::warn, log::info);
        this.guard = new StaticEntryGuard(entries, deletions, links, restorer, this, log::warn);
        apply(config);
    }

    @Modified
    synchronized void modified(StaticConfig config) {
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        guard.close();
        entries.clear();
    }

    private synchronized void apply(StaticConfig config) {
        StaticEntries.Entries next = entries(config);
        entries.apply(next);
        log.info("static addresses, routes and rules: {} / {} / {}", next.addresses().size(), next.routes().size(),
                next.rules().size());
        guard.guard(watchedEntries(config));
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
