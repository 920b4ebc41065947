package dev.vigil.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told of every state change. Called off the protocol thread, in order per
 * instance; an implementation that blocks delays only later calls to itself.
 */
@ConsumerType
public interface StateChangeListener {
    void stateChanged(StateChange change);
}
