package dev.vigil.net.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionMonitor;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;

/**
 * Deletions of addresses, routes and rules from the kernel's address, route and rule multicast
 * groups (IPv4 and IPv6), as keepalived's netlink reflector sees them, and the comings and goings
 * of tracked addresses (track_src_ip) on the same subscription. Like
 * {@link NetlinkLinkMonitor}, each watch has its own subscription and thread
 * ("vigil-deletions"), created on the caller's thread and so in its network namespace.
 * Deletions the bundle's managers made themselves ({@link OwnDeletions}) are not reported.
 */
@Component(service = DeletionMonitor.class, immediate = true, name = "dev.vigil.net.deletions")
public class NetlinkDeletionMonitor implements DeletionMonitor {

    static final int GROUPS = Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR | Rtnl.RTMGRP_IPV4_ROUTE
            | Rtnl.RTMGRP_IPV6_ROUTE | Rtnl.RTMGRP_IPV4_RULE | Rtnl.RTMGRP_IPV6_RULE;

    private final LibC libc;
    private final OwnDeletions own;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Logger logger;

    public NetlinkDeletionMonitor() {
        this(LibC.get(), OwnDeletions.SHARED);
    }

    NetlinkDeletionMonitor(LibC libc, OwnDeletions own) {
        this.libc = libc;
        this.own = own;
    }

    @Override
    public DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
            Collection<VirtualRule> rules, DeletionListener listener) throws IOException {
        return watch(addresses, routes, rules, List.of(), listener);
    }

    @Override
    public DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
            Collection<VirtualRule> rules, Collection<TrackedAddress> tracked, DeletionListener listener)
            throws IOException {
        NetlinkRoute subscription = NetlinkRoute.open(libc, GROUPS);
        Watch w;
        try {
            w = new Watch(List.copyOf(addresses), routes, rules, List.copyOf(tracked), listener, subscription);
        } catch (IOException | RuntimeException e) {
            subscription.close();
            throw e;
        }
        watches.add(w);
        w.thread.start();
        return w;
    }

    @Deactivate
    void deactivate() {
        for (Watch w : Set.copyOf(watches)) {
            w.close();
        }
    }

    private void warn(String message) {
        Logger l = logger;
        if (l != null) {
            l.warn(message);
        } else {
            System.err.println("vigil net: " + message);
        }
    }

    final class Watch implements DeletionWatch {
        private final List<VirtualAddress> addresses;
        private final Map<DeletedEntries.RouteKey, VirtualRoute> routes = new LinkedHashMap<>();
        private final Map<DeletedEntries.RuleKey, VirtualRule> rules = new LinkedHashMap<>();
        private final List<TrackedAddress> tracked;
        private final DeletionListener listener;
        private final NetlinkRoute subscription;
        /** Interface indexes by name, as last read; watch thread only after the constructor. */
        private final Map<String, Integer> indexes = new HashMap<>();
        final Thread thread;
        private volatile boolean closed;
        private boolean overrunLogged;

        Watch(List<VirtualAddress> addresses, Collection<VirtualRoute> routes, Collection<VirtualRule> rules,
                List<TrackedAddress> tracked, DeletionListener listener, NetlinkRoute subscription) throws IOException {
            this.addresses = addresses;
            this.tracked = tracked;
            routes.forEach(r -> this.routes.put(DeletedEntries.key(r), r));
            rules.forEach(r -> this.rules.put(DeletedEntries.key(r), r));
            this.listener = listener;
            this.subscription = subscription;
            for (VirtualAddress a : addresses) {
                readIndex(a.device());
            }
            for (TrackedAddress a : tracked) {
                readIndex(a.device());
            }
            this.thread = new Thread(this::run, "vigil-deletions");
            this.thread.setDaemon(true);
        }

        private Integer readIndex(String device) throws IOException {
            Integer index = RouteQueries.link(libc, device).map(LinkState::index).orElse(null);
            indexes.put(device, index);
            return index;
        }

        private void run() {
            try {
                reportTrackedNow();
                while (!closed) {
                    try {
                        for (NlMessage m : subscription.poll(NetlinkLinkMonitor.POLL_MILLIS)) {
                            if (!closed) {
                                dispatch(m);
                            }
                        }
                    } catch (NativeException e) {
                        if (e.errno() != Errno.ENOBUFS) {
                            throw e;
                        }
                        if (!overrunLogged) {
                            // route churn (a full routing table) can do it again and again: said once
                            overrunLogged = true;
                            warn("deletion monitor: the kernel dropped notifications (socket overrun); some"
                                    + " deletions may go unnoticed (further overruns are not logged)");
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    warn("deletion monitor stopped: " + e.getMessage());
                }
            } finally {
                subscription.close();
            }
        }

        private void dispatch(NlMessage m) throws IOException {
            switch (m.type()) {
                case Rtnl.RTM_DELADDR -> {
                    AddressEntry deleted = AddressEntry.parse(m);
                    for (VirtualAddress a : addresses) {
                        if (a.address().equals(deleted.address()) && a.prefixLength() == deleted.prefixLength()
                                && onDevice(a.device(), deleted.index()) && !own.ours(a)) {
                            report(() -> listener.addressDeleted(a), a);
                        }
                    }
                    reportTracked(deleted, false);
                }
                case Rtnl.RTM_NEWADDR -> reportTracked(AddressEntry.parse(m), true);
                case Rtnl.RTM_DELROUTE -> {
                    VirtualRoute r = routes.get(DeletedEntries.route(m));
                    if (r != null && !own.ours(r)) {
                        report(() -> listener.routeDeleted(r), r);
                    }
                }
                case Rtnl.RTM_DELRULE -> {
                    VirtualRule r = rules.get(DeletedEntries.rule(m));
                    int protocol = DeletedEntries.ruleProtocol(m);
                    if (r != null && (protocol < 0 || protocol == r.protocol()) && !own.ours(r)) {
                        report(() -> listener.ruleDeleted(r), r);
                    }
                }
                default -> {
                    // other additions: nothing to react to
                }
            }
        }

        /**
         * Each tracked address's state as a dump finds it, once, before the notifications: the
         * subscription is already open, so a change after the dump still follows it.
         */
        private void reportTrackedNow() throws IOException {
            if (tracked.isEmpty()) {
                return;
            }
            List<AddressEntry> present = new ArrayList<>(RouteQueries.addresses(libc, Linux.AF_INET));
            present.addAll(RouteQueries.addresses(libc, Linux.AF_INET6));
            for (TrackedAddress a : tracked) {
                Integer index = readIndex(a.device());
                boolean there = index != null && present.stream()
                        .anyMatch(e -> e.index() == index && a.address().equals(e.address()));
                report(() -> notifyTracked(a, there), a);
            }
        }

        private void reportTracked(AddressEntry entry, boolean added) throws IOException {
            for (TrackedAddress a : tracked) {
                if (a.address().equals(entry.address()) && onDevice(a.device(), entry.index())) {
                    report(() -> notifyTracked(a, added), a);
                }
            }
        }

        private void notifyTracked(TrackedAddress a, boolean present) {
            if (present) {
                listener.trackedAddressAdded(a);
            } else {
                listener.trackedAddressRemoved(a);
            }
        }

        /** Whether {@code index} is {@code device}'s; read again once when it looks like another (renamed, re-created). */
        private boolean onDevice(String device, int index) throws IOException {
            Integer known = indexes.get(device);
            if (known != null && known == index) {
                return true;
            }
            Integer now = readIndex(device);
            return now != null && now == index;
        }

        private void report(Runnable call, Object entry) {
            try {
                call.run();
            } catch (RuntimeException e) {
                warn("deletion listener for " + entry + " threw " + e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            watches.remove(this);
            WatchThreads.awaitEnd(thread);
        }

        @Override
        public String toString() {
            return "deletion watch of " + addresses.size() + " addresses, " + routes.size() + " routes, "
                    + rules.size() + " rules, " + tracked.size() + " tracked addresses";
        }
    }
}
