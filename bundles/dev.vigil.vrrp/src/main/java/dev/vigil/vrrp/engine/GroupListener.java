package dev.vigil.vrrp.engine;

import dev.vigil.api.VrrpState;

/**
 * Told what one {@link SyncGroup} does. Called on the scheduler's thread: an implementation must
 * not block.
 */
public interface GroupListener {

    /** One log line, already in keepalived's wording ({@code VRRP_Group(G1) ...}). */
    void log(LogLevel level, String message);

    /** The group's state changed (after its members were moved); {@code reason} names the cause. */
    void groupStateChanged(SyncGroup group, VrrpState from, VrrpState to, String reason);
}
