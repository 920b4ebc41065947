package dev.vigil.api.track;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One configured health check (a {@code vrrp_script}, a tracked process, file, URL, port...).
 * Register it as a service with {@link #NAME_PROPERTY} (the name configurations refer to) and
 * {@link #KIND_PROPERTY}. It runs on its own schedule, once however many instances follow it.
 */
@ConsumerType
public interface Tracker {

    /** Service property: the tracker's name, e.g. {@code chk_nginx}. */
    String NAME_PROPERTY = "vigil.tracker.name";

    /** Service property: the checker kind, e.g. {@code script}, {@code http}, {@code dns}. */
    String KIND_PROPERTY = "vigil.tracker.kind";

    /** The current result; {@link TrackStatus#PENDING} before the first conclusive one. */
    TrackStatus status();

    /**
     * Tells {@code listener} of every change of {@link #status()} (rise/fall already applied),
     * from the tracker's own thread; the listener must not block. Closing the returned handle
     * stops the calls.
     */
    AutoCloseable subscribe(Consumer<TrackStatus> listener);
}
