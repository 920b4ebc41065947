package dev.vigil.api;

import java.time.Instant;
import java.util.Objects;

/** One transition of one instance, as delivered to listeners and notifiers. */
public final class StateChange {
    private final String instance;
    private final VrrpState from;
    private final VrrpState to;
    private final int priority;
    private final String reason;
    private final Instant at;

    public StateChange(String instance, VrrpState from, VrrpState to, int priority, String reason, Instant at) {
        this.instance = Objects.requireNonNull(instance);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.priority = priority;
        this.reason = reason == null ? "" : reason;
        this.at = Objects.requireNonNull(at);
    }

    public String instance() { return instance; }
    public VrrpState from() { return from; }
    public VrrpState to() { return to; }
    /** The effective priority at the time of the transition. */
    public int priority() { return priority; }
    /** Why, in words ("higher priority advert from 198.51.100.2", "master down timer", ...). */
    public String reason() { return reason; }
    public Instant at() { return at; }

    @Override
    public String toString() {
        return instance + " " + from + " -> " + to + " (prio " + priority + ", " + reason + ")";
    }
}
