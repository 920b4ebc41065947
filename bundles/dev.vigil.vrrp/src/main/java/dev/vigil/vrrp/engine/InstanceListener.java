package dev.vigil.vrrp.engine;

import dev.vigil.api.StateChange;

/**
 * Told what one {@link VrrpInstance} does. Called on the scheduler's thread: an implementation
 * must not block (hand the work to another thread).
 */
public interface InstanceListener {

    /** One log line, already prefixed with {@code (NAME) } where keepalived prefixes it. */
    void log(LogLevel level, String message);

    void stateChanged(StateChange change);

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
