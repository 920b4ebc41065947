package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * The static addresses, routes and rules Vigil keeps installed. A new set changes only what
 * differs (an unchanged entry is never removed and re-added, so a reload does not blink it);
 * {@link #clear()} removes everything, as keepalived does when it stops. Addresses go first and
 * leave last: routes and rules may need them. Not thread-safe: the component serialises calls.
 */
final class StaticEntries {

    /** One complete set, in file order. */
    record Entries(List<VirtualAddress> addresses, List<VirtualRoute> routes, List<VirtualRule> rules) {
        static final Entries NONE = new Entries(List.of(), List.of(), List.of());

        Entries {
            addresses = List.copyOf(addresses);
            routes = List.copyOf(routes);
            rules = List.copyOf(rules);
        }

        Entries minus(Entries other) {
            return new Entries(without(addresses, other.addresses), without(routes, other.routes),
                    without(rules, other.rules));
        }

        private static <T> List<T> without(List<T> from, List<T> taken) {
            List<T> rest = new ArrayList<>(from);
            rest.removeAll(taken);
            return rest;
        }
    }

    private final VipManager vips;
    private final RouteManager routes;
    private final Consumer<String> warnings;
    private final Consumer<String> info;
    private Entries installed = Entries.NONE;

    StaticEntries(VipManager vips, RouteManager routes, Consumer<String> warnings) {
        this(vips, routes, warnings, message -> { });
    }

    StaticEntries(VipManager vips, RouteManager routes, Consumer<String> warnings, Consumer<String> info) {
        this.vips = vips;
        this.routes = routes;
        this.warnings = warnings;
        this.info = info;
    }

    Entries installed() {
        return installed;
    }

    /** Makes the kernel hold {@code next}: what left is removed, what is new is added. */
    void apply(Entries next) {
        remove(installed.minus(next));
        add(next.minus(installed));
        installed = next;
    }

    void clear() {
        remove(installed);
        installed = Entries.NONE;
    }

    private void add(Entries e) {
        e.addresses().forEach(a -> attempt("add static address " + a, () -> vips.add(a)));
        e.routes().forEach(r -> attempt("add static route " + r, () -> routes.addRoute(r)));
        e.rules().forEach(r -> attempt("add static rule " + r, () -> routes.addRule(r)));
    }

    private void remove(Entries e) {
        e.rules().forEach(r -> attempt("remove static rule " + r, () -> routes.removeRule(r)));
        e.routes().forEach(r -> attempt("remove static route " + r, () -> routes.removeRoute(r)));
        e.addresses().forEach(a -> attempt("remove static address " + a, () -> vips.remove(a)));
    }

    /**
     * keepalived's {@code reinstate_static_address/route/rule()}: someone deleted an entry that
     * is still configured, and it is put back (logged whether or not the kernel takes it).
     */
    void restore(VirtualAddress address) {
        if (installed.addresses().contains(address)) {
            info.accept("Restoring deleted static address " + address);
            attempt("restore static address " + address, () -> vips.add(address));
        }
    }

    void restore(VirtualRoute route) {
        if (installed.routes().contains(route)) {
            info.accept("Restoring deleted static route " + route);
            attempt("restore static route " + route, () -> routes.addRoute(route));
        }
    }

    void restore(VirtualRule rule) {
        if (installed.rules().contains(rule)) {
            info.accept("Restoring deleted static rule " + rule);
            attempt("restore static rule " + rule, () -> routes.addRule(rule));
        }
    }

    /**
     * keepalived's {@code static_track_group_reinstate_config()}: {@code device} came up, and its
     * tracked addresses and routes are added back where the kernel lost them (rules stay).
     */
    void restoreOnLink(String device, WatchedEntries tracked) {
        for (VirtualAddress a : installed.addresses()) {
            if (device.equals(a.device()) && tracked.addresses().contains(a)) {
                attempt("restore static address " + a, () -> restored(vips.add(a), "address " + a));
            }
        }
        for (VirtualRoute r : installed.routes()) {
            if (device.equals(r.device()) && tracked.routes().contains(r)) {
                attempt("restore static route " + r, () -> restored(routes.addRoute(r), "route " + r));
            }
        }
    }

    private boolean restored(boolean added, String what) {
        if (added) {
            info.accept("Restoring deleted static " + what);
        }
        return added;
    }

    private interface Change {
        boolean run() throws Exception;
    }

    private void attempt(String what, Change change) {
        try {
            change.run();
        } catch (Exception e) {
            warnings.accept("cannot " + what + ": " + e.getMessage());
        }
    }
}
