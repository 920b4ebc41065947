package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionMonitor;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * The data plane's {@link DeletionMonitor}, followed dynamically and optional: it came with
 * data-plane SPI 1.3, and a data plane without it runs every instance, only without noticing
 * deletions by others. A watch opened while there is none watches nothing.
 */
@Component(service = OptionalDeletionMonitor.class)
public class OptionalDeletionMonitor implements DeletionMonitor {

    private static final DeletionWatch NOTHING = () -> { };

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeletionMonitor monitor;

    public OptionalDeletionMonitor() {
    }

    /** For tests: one that follows {@code monitor} (null for none). */
    OptionalDeletionMonitor(DeletionMonitor monitor) {
        this.monitor = monitor;
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
        DeletionMonitor m = monitor;
        if (m == null || (addresses.isEmpty() && routes.isEmpty() && rules.isEmpty() && tracked.isEmpty())) {
            return NOTHING;
        }
        return tracked.isEmpty() ? m.watch(addresses, routes, rules, listener)
                : m.watch(addresses, routes, rules, tracked, listener);
    }
}
