package dev.vigil.vrrp.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * What an instance (or the static configuration) wants to hear about when someone else deletes
 * it: every address, route and rule except those marked {@code no_track}, as keepalived's
 * {@code dont_track}. A route or rule with a protocol other than keepalived's is never Vigil's
 * to watch (it is written {@code no_track protocol P}). And, with {@code track_src_ip}, the
 * configured source address, whose removal and return both matter.
 */
record WatchedEntries(List<VirtualAddress> addresses, List<VirtualRoute> routes, List<VirtualRule> rules,
        List<TrackedAddress> tracked) {

    static final String NO_TRACK = "no_track";
    /** The routing protocol number keepalived (and Vigil) marks its routes and rules with. */
    static final int KEEPALIVED_PROTOCOL = 18;
    static final WatchedEntries NONE = new WatchedEntries(List.of(), List.of(), List.of());

    WatchedEntries {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        tracked = List.copyOf(tracked);
    }

    WatchedEntries(List<VirtualAddress> addresses, List<VirtualRoute> routes, List<VirtualRule> rules) {
        this(addresses, routes, rules, List.of());
    }

    boolean isEmpty() {
        return addresses.isEmpty() && routes.isEmpty() && rules.isEmpty() && tracked.isEmpty();
    }

    /** An instance's VIPs, excluded addresses, virtual routes and rules that are tracked. */
    static WatchedEntries of(InstanceConfig c) {
        VirtualMacPlan plan = VirtualMacPlan.of(c);
        String device = plan.vipDevice(c.interfaceName());
        List<VirtualAddress> addresses = new ArrayList<>();
        addresses.addAll(addresses(c.virtualIpAddresses(), device));
        addresses.addAll(addresses(c.excludedIpAddresses(), device));
        InetAddress source = c.trackSourceAddress() ? SettingsMapper.sourceAddress(c) : null;
        List<TrackedAddress> tracked = source != null
                ? List.of(new TrackedAddress(source, plan.sourceDevice(c.interfaceName()))) : List.of();
        return new WatchedEntries(addresses, routes(c.virtualRoutes()), rules(c.virtualRules()), tracked);
    }

    static List<VirtualAddress> addresses(String[] lines, String device) {
        return Arrays.stream(lines).filter(WatchedEntries::tracked).map(l -> SettingsMapper.parseVip(l, device))
                .toList();
    }

    static List<VirtualRoute> routes(String[] lines) {
        return Arrays.stream(lines).filter(WatchedEntries::tracked).map(VirtualRoute::parse)
                .filter(r -> r.protocol() == KEEPALIVED_PROTOCOL).toList();
    }

    static List<VirtualRule> rules(String[] lines) {
        return Arrays.stream(lines).filter(WatchedEntries::tracked).map(VirtualRule::parse)
                .filter(r -> r.protocol() == KEEPALIVED_PROTOCOL).toList();
    }

    /** Whether a configured line is watched: it does not say {@code no_track}. */
    static boolean tracked(String line) {
        return !Arrays.asList(line.trim().split("\\s+")).contains(NO_TRACK);
    }
}
