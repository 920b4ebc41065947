package dev.vigil.config.keepalived.cm;

import java.util.List;

/**
 * Waits, for a bounded time, until the VRRP routers of deleted {@code vigil.instance}
 * configurations are gone. ConfigurationAdmin delivers a delete asynchronously; waiting lets an
 * instance notify its STOP/DELETED to notifiers that still have their old configuration, before
 * the mapper changes or deletes them.
 */
@FunctionalInterface
public interface InstanceRemovalWaiter {

    /** For tests and for {@code vigil -t}: nothing runs, nothing to wait for. */
    InstanceRemovalWaiter NONE = names -> { };

    /** Returns when every named instance's router is gone or the waiter's bound has passed. */
    void awaitRemoved(List<String> instanceNames);
}
