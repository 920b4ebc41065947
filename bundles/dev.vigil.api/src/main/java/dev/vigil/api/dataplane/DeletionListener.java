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

    /**
     * A {@link TrackedAddress} is not (or no longer) on its interface: reported once when the
     * watch starts if it is absent, then at each removal. Since 1.4.
     */
    default void trackedAddressRemoved(TrackedAddress address) {
    }

    /**
     * A {@link TrackedAddress} is on its interface: reported once when the watch starts if it is
     * there, then at each addition (or change of its flags). Since 1.4.
     */
    default void trackedAddressAdded(TrackedAddress address) {
    }
}
