package dev.vigil.vrrp.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * The data plane's {@link RouteManager}, followed dynamically and optional: RouteManager came with
 * data-plane SPI 1.1, so a vendor data plane written against 1.0 (transport, VIPs, links only)
 * still runs every instance; only an instance that has virtual routes or rules then reports
 * each of them as failed. Vigil's own dev.vigil.net provides one.
 */
@Component(service = OptionalRouteManager.class)
public class OptionalRouteManager implements RouteManager {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RouteManager routes;

    public OptionalRouteManager() {
    }

    /** For tests: one that follows {@code routes}. */
    OptionalRouteManager(RouteManager routes) {
        this.routes = routes;
    }

    private RouteManager required(String what) throws IOException {
        RouteManager r = routes;
        if (r == null) {
            throw new IOException(what + ": no RouteManager service (the data plane has no routes or rules)");
        }
        return r;
    }

    @Override
    public boolean addRoute(VirtualRoute route) throws IOException {
        return required("add route " + route).addRoute(route);
    }

    @Override
    public boolean removeRoute(VirtualRoute route) throws IOException {
        return required("remove route " + route).removeRoute(route);
    }

    @Override
    public boolean addRule(VirtualRule rule) throws IOException {
        return required("add rule " + rule).addRule(rule);
    }

    @Override
    public boolean removeRule(VirtualRule rule) throws IOException {
        return required("remove rule " + rule).removeRule(rule);
    }
}
