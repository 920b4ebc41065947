package dev.vigil.vrrp.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * Installs and removes one instance's {@link MasterExtras} in keepalived's order: excluded
 * addresses after the VIPs, then routes (which may use those addresses as {@code src}), then
 * rules; removal the other way round. A failure is logged and the rest goes on, as with VIPs.
 * Loop thread only.
 */
final class MasterExtrasHandler {

    private final VipManager vips;
    private final InstanceListener listener;
    private final Supplier<String> prefix;
    private RouteManager routes;
    private MasterExtras extras = MasterExtras.NONE;

    MasterExtrasHandler(VipManager vips, InstanceListener listener, Supplier<String> prefix) {
        this.vips = vips;
        this.listener = listener;
        this.prefix = prefix;
    }

    MasterExtras extras() {
        return extras;
    }

    /**
     * Replaces the configured extras; while {@code held}, what left is removed and what is new
     * installed at once.
     *
     * @return the excluded addresses just added (to announce), empty when not held
     */
    List<VirtualAddress> configure(MasterExtras next, RouteManager routeManager, boolean held) {
        if (next.hasRouting() && routeManager == null) {
            throw new IllegalArgumentException(prefix.get() + "virtual routes or rules need a route manager");
        }
        MasterExtras old = extras;
        extras = next;
        routes = routeManager;
        if (!held) {
            return List.of();
        }
        MasterExtras gone = new MasterExtras(minus(old.excludedAddresses(), next.excludedAddresses()),
                minus(old.routes(), next.routes()), minus(old.rules(), next.rules()));
        MasterExtras added = new MasterExtras(minus(next.excludedAddresses(), old.excludedAddresses()),
                minus(next.routes(), old.routes()), minus(next.rules(), old.rules()));
        releaseRouting(gone);
        releaseAddresses(gone);
        installAddresses(added);
        installRouting(added);
        return added.excludedAddresses();
    }

    /** The addresses a MASTER announces with GARP/NA: its VIPs, then the excluded ones. */
    List<VirtualAddress> announced(List<VirtualAddress> virtualAddresses) {
        if (extras.excludedAddresses().isEmpty()) {
            return virtualAddresses;
        }
        List<VirtualAddress> all = new ArrayList<>(virtualAddresses);
        all.addAll(extras.excludedAddresses());
        return all;
    }

    /** After the VIPs are set: excluded addresses, routes, rules. */
    void install() {
        installAddresses(extras);
        installRouting(extras);
    }

    /** Before the VIPs are removed: rules, then routes. */
    void releaseRouting() {
        releaseRouting(extras);
    }

    /** After the VIPs are removed. */
    void releaseAddresses() {
        releaseAddresses(extras);
    }

    private void installAddresses(MasterExtras e) {
        if (e.excludedAddresses().isEmpty()) {
            return;
        }
        listener.log(LogLevel.DETAIL, prefix.get() + "setting E-VIPs.");
        for (VirtualAddress address : e.excludedAddresses()) {
            attempt("add E-VIP " + address, () -> vips.add(address));
        }
    }

    private void installRouting(MasterExtras e) {
        if (!e.routes().isEmpty()) {
            listener.log(LogLevel.DETAIL, prefix.get() + "setting Virtual Routes");
            for (VirtualRoute route : e.routes()) {
                attempt("add route " + route, () -> routes.addRoute(route));
            }
        }
        if (!e.rules().isEmpty()) {
            listener.log(LogLevel.DETAIL, prefix.get() + "setting Virtual Rules");
            for (VirtualRule rule : e.rules()) {
                attempt("add rule " + rule, () -> routes.addRule(rule));
            }
        }
    }

    private void releaseRouting(MasterExtras e) {
        if (!e.rules().isEmpty()) {
            listener.log(LogLevel.DETAIL, prefix.get() + "removing Virtual Rules");
            for (VirtualRule rule : e.rules()) {
                attempt("remove rule " + rule, () -> routes.removeRule(rule));
            }
        }
        if (!e.routes().isEmpty()) {
            listener.log(LogLevel.DETAIL, prefix.get() + "removing Virtual Routes");
            for (VirtualRoute route : e.routes()) {
                attempt("remove route " + route, () -> routes.removeRoute(route));
            }
        }
    }

    private void releaseAddresses(MasterExtras e) {
        if (e.excludedAddresses().isEmpty()) {
            return;
        }
        listener.log(LogLevel.DETAIL, prefix.get() + "removing E-VIPs.");
        for (VirtualAddress address : e.excludedAddresses()) {
            attempt("remove E-VIP " + address, () -> vips.remove(address));
        }
    }

    private interface Change {
        boolean run() throws Exception;
    }

    private void attempt(String what, Change change) {
        try {
            change.run();
        } catch (Exception e) {
            listener.log(LogLevel.WARN, prefix.get() + "cannot " + what + ": " + e.getMessage());
        }
    }

    private static <T> List<T> minus(List<T> from, List<T> taken) {
        List<T> rest = new ArrayList<>(from);
        rest.removeAll(taken);
        return rest;
    }
}
