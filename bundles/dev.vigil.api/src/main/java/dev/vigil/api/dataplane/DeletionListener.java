package dev.vigil.api.dataplane;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears the deletions a {@link DeletionMonitor} watch reports; each entry is one that was watched. */
@ConsumerType
public interface DeletionListener {

    default void addressDeleted(VirtualAddress address) {
    }

    default void routeDeleted(VirtualRoute route) {
    }

    default void ruleDeleted(VirtualRule rule) {
    }
}
