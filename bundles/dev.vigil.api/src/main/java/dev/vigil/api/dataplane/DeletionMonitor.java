package dev.vigil.api.dataplane;

import java.io.IOException;
import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells when someone else deletes a virtual address, route or rule Vigil installed (keepalived's
 * netlink reflector watching RTM_DELADDR, RTM_DELROUTE and RTM_DELRULE). Deletions Vigil makes
 * itself through the data plane's {@link VipManager} and {@link RouteManager} are not reported.
 * Optional: a data plane without it simply has no such tracking.
 */
@ProviderType
public interface DeletionMonitor {

    /**
     * Watches the given entries, in the network namespace of the calling thread. {@code listener}
     * hears each deletion of one of them on the monitor's thread (post and return, do not block).
     * Only the entries matter, not who installed them: an entry that is absent is simply never
     * reported.
     *
     * @throws IOException when the kernel refuses the subscription
     */
    DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
            Collection<VirtualRule> rules, DeletionListener listener) throws IOException;

    /**
     * As {@link #watch(Collection, Collection, Collection, DeletionListener)}, also following the
     * presence of {@code tracked} addresses on their interfaces, additions included, on the same
     * subscription (since 1.4). The default serves a provider that predates it: it refuses
     * tracked addresses.
     *
     * @throws IOException when the kernel refuses the subscription, or the provider cannot track addresses
     */
    default DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
            Collection<VirtualRule> rules, Collection<TrackedAddress> tracked, DeletionListener listener)
            throws IOException {
        if (!tracked.isEmpty()) {
            throw new IOException("this data plane's deletion monitor cannot track addresses");
        }
        return watch(addresses, routes, rules, listener);
    }
}
