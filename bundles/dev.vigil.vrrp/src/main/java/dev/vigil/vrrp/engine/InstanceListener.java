package dev.vigil.vrrp.engine;

import java.net.InetAddress;

import dev.vigil.api.StateChange;
import dev.vigil.api.VrrpState;

/**
 * Told what one {@link VrrpInstance} does. Called on the scheduler's thread: an implementation
 * must not block (hand the work to another thread).
 */
public interface InstanceListener {

    /** One log line, already prefixed with {@code (NAME) } where keepalived prefixes it. */
    void log(LogLevel level, String message);

    void stateChanged(StateChange change);

    /**
     * As MASTER, heard an advert of lower priority than {@code ourPriority} (or of equal priority
     * from a lower address): keepalived's {@code notify_master_rx_lower_pri}. Once per advert.
     */
    default void masterReceivedLowerPriority(int ourPriority, InetAddress from) {
    }

    /**
     * The effective priority changed while started, and {@link VrrpInstance#setNotifyPriorityChanges}
     * is on (keepalived's {@code notify_priority_changes}). {@code state} is the state at the change.
     */
    default void priorityChanged(VrrpState state, int priority) {
    }

    /** A listener that drops everything. */
    InstanceListener NONE = new InstanceListener() {
        @Override
        public void log(LogLevel level, String message) {
        }

        @Override
        public void stateChanged(StateChange change) {
        }
    };
}
