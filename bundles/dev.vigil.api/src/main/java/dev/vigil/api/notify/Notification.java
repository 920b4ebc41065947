package dev.vigil.api.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One state change of a VRRP instance or of a sync group, or (since 1.1) one of keepalived's
 * instance events that change no state, as handed to {@link Notifier}s. Immutable.
 */
public final class Notification {

    /**
     * What a notification reports. A notifier receives the events other than {@link #STATE} only
     * when it asks for them with {@link Notifier#EVENTS_PROPERTY}.
     *
     * @since 1.1
     */
    public enum Event {
        /** The state changed from {@link #from()} to {@link #to()}: all that a 1.0 notifier ever receives. */
        STATE,
        /**
         * A MASTER received an advert of lower priority than its own (keepalived's
         * {@code notify_master_rx_lower_pri}): a lower priority router has presumably become
         * MASTER too. {@code from} and {@code to} are MASTER, the priority is ours.
         */
        MASTER_RX_LOWER_PRI,
        /**
         * The effective priority changed (keepalived's {@code notify_priority_changes}).
         * {@code from} and {@code to} are the current state, the priority is the new one.
         */
        PRIORITY
    }

    /** Whether the change is an instance's or a sync group's (keepalived's INSTANCE and GROUP). */
    public enum Scope {
        INSTANCE, GROUP
    }

    private final Event event;
    private final Scope scope;
    private final String name;
    private final NotifyState from;
    private final NotifyState to;
    private final int priority;
    private final List<String> virtualAddresses;
    private final String routerId;
    private final Instant at;
    private final long sequence;
    private final String reason;

    /**
     * A {@link Event#STATE} notification.
     *
     * @param priority the effective priority at the change; a group's is 0
     * @param virtualAddresses as {@code ADDR/LEN}; for a group, those of all its instances
     * @param sequence 1 for the first notification of this instance or group in this daemon's
     *                 life, one more for each later one
     */
    public Notification(Scope scope, String name, NotifyState from, NotifyState to, int priority,
            List<String> virtualAddresses, String routerId, Instant at, long sequence, String reason) {
        this(Event.STATE, scope, name, from, to, priority, virtualAddresses, routerId, at, sequence, reason);
    }

    /**
     * @param sequence as for a state change, but counted per event kind: the events a notifier
     *                 did not ask for leave no gap in the sequence of those it gets
     * @since 1.1
     */
    public Notification(Event event, Scope scope, String name, NotifyState from, NotifyState to, int priority,
            List<String> virtualAddresses, String routerId, Instant at, long sequence, String reason) {
        this.event = Objects.requireNonNull(event, "event");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.name = Objects.requireNonNull(name, "name");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.priority = priority;
        this.virtualAddresses = List.copyOf(virtualAddresses);
        this.routerId = routerId == null ? "" : routerId;
        this.at = Objects.requireNonNull(at, "at");
        this.sequence = sequence;
        this.reason = reason == null ? "" : reason;
    }

    /** @since 1.1 */
    public Event event() { return event; }
    public Scope scope() { return scope; }
    /** The instance or group name, e.g. {@code VI_1}. */
    public String name() { return name; }
    public NotifyState from() { return from; }
    public NotifyState to() { return to; }
    public int priority() { return priority; }
    public List<String> virtualAddresses() { return virtualAddresses; }
    /** global_defs router_id (the host name when none is configured). */
    public String routerId() { return routerId; }
    public Instant at() { return at; }
    /** Per instance (or group): lets a receiver spot a gap or a replay. */
    public long sequence() { return sequence; }
    /** Why, in words, as logged ("higher priority advert from 198.51.100.2", "master down timer"). */
    public String reason() { return reason; }

    /**
     * What {@link Notifier#SCOPE_PROPERTY} entries are matched against:
     * {@code instance:VI_1} or {@code group:G1}.
     */
    public String key() {
        return key(scope, name);
    }

    public static String key(Scope scope, String name) {
        return (scope == Scope.INSTANCE ? "instance:" : "group:") + name;
    }

    @Override
    public String toString() {
        String what = event == Event.STATE ? from + " -> " + to : event + " in " + to;
        return key() + " #" + sequence + " " + what + " (prio " + priority + ")";
    }
}
