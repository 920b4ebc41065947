package dev.vigil.api.notify;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told of state changes. Vigil calls {@link #deliver} on a worker thread of
 * this notifier's own, one notification at a time, in the order they happened; a delivery that
 * blocks delays only this notifier's later ones. Notifications wait in a bounded queue (see
 * {@link #QUEUE_CAPACITY_PROPERTY}); when it is full the oldest is dropped, counted and logged.
 *
 * <p>A notifier keeps its queue across an update of its bundle when the old and the new service
 * carry the same {@link #NAME_PROPERTY}: what was accepted before the swap is delivered by the
 * new one, or counted as dropped if none comes back.
 */
@ConsumerType
public interface Notifier {

    /** Service property: a stable name for this notifier, e.g. {@code script:VI_1}, {@code smtp}. */
    String NAME_PROPERTY = "vigil.notify.name";

    /**
     * Service property (String or String[]): which notifications this notifier wants, each
     * {@link Notification#key()} ({@code instance:VI_1}, {@code group:G1}) or {@code *}. Absent:
     * every one.
     */
    String SCOPE_PROPERTY = "vigil.notify.scope";

    /**
     * Service property (String or String[]): the {@link Notification.Event}s this notifier wants,
     * by name ({@code STATE}, {@code MASTER_RX_LOWER_PRI}, {@code PRIORITY}); a notifier that wants
     * state changes too names {@code STATE}. Absent: {@code STATE} only, so that a notifier written
     * for 1.0 never sees an event it does not know. Unknown names are ignored.
     *
     * @since 1.1
     */
    String EVENTS_PROPERTY = "vigil.notify.events";

    /** Service property (Integer): queue capacity, default {@value #DEFAULT_QUEUE_CAPACITY}. */
    String QUEUE_CAPACITY_PROPERTY = "vigil.notify.queue.capacity";

    int DEFAULT_QUEUE_CAPACITY = 256;

    /**
     * Delivers one notification. Returns when it is delivered or given up on (a notifier that
     * retries bounds its own retries); an exception counts the notification as failed.
     */
    void deliver(Notification notification) throws Exception;
}
