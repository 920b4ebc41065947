package dev.vigil.vrrp.engine;

import java.util.List;

import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * What a MASTER holds besides its VIPs, as keepalived's {@code virtual_ipaddress_excluded},
 * {@code virtual_routes} and {@code virtual_rules}: installed on becoming MASTER, removed on
 * leaving it. Excluded addresses are announced like VIPs but never listed in adverts.
 */
public record MasterExtras(List<VirtualAddress> excludedAddresses, List<VirtualRoute> routes,
        List<VirtualRule> rules) {

    public static final MasterExtras NONE = new MasterExtras(List.of(), List.of(), List.of());

    public MasterExtras {
        excludedAddresses = List.copyOf(excludedAddresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return excludedAddresses.isEmpty() && routes.isEmpty() && rules.isEmpty();
    }

    boolean hasRouting() {
        return !routes.isEmpty() || !rules.isEmpty();
    }
}
