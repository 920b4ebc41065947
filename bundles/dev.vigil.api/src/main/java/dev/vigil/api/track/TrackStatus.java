package dev.vigil.api.track;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A tracker's result. A check is either up or down; a value tracker (keepalived's
 * {@code track_file}) also carries the integer the priority is scaled by.
 *
 * @param up whether the checked thing is healthy (after rise/fall)
 * @param value the measured integer for value trackers, empty for up/down checks
 * @param detail why, in words ("exit status 1", "HTTP 503", "timed out after 2 s")
 * @param since when this status began
 */
public record TrackStatus(boolean up, OptionalInt value, String detail, Instant since) {

    /** Before the first result: keepalived starts a script as failed unless told otherwise. */
    public static final TrackStatus PENDING = new TrackStatus(false, OptionalInt.empty(), "no result yet", Instant.EPOCH);

    public TrackStatus {
        Objects.requireNonNull(value, "value");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(since, "since");
    }

    public static TrackStatus up(String detail) {
        return new TrackStatus(true, OptionalInt.empty(), detail, Instant.now());
    }

    public static TrackStatus down(String detail) {
        return new TrackStatus(false, OptionalInt.empty(), detail, Instant.now());
    }

    public static TrackStatus value(int value, String detail) {
        return new TrackStatus(true, OptionalInt.of(value), detail, Instant.now());
    }
}
