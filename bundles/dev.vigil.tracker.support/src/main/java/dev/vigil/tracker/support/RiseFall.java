package dev.vigil.tracker.support;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.vigil.api.track.TrackStatus;

/**
 * keepalived's rise/fall over a stream of check outcomes, and the subscribers told of each change.
 * The status is {@link TrackStatus#PENDING} (down) until the first outcome, which decides at once
 * (keepalived starts a check one step short of either threshold); afterwards a down check needs
 * {@code rise} consecutive successes to go up and an up check {@code fall} consecutive failures
 * to go down. Outcomes arrive one at a time (the caller never runs two checks of one tracker at
 * once); {@link #status()} and {@link #subscribe} may be called from any thread.
 */
public final class RiseFall {

    private final List<Consumer<TrackStatus>> listeners = new CopyOnWriteArrayList<>();
    private final BiConsumer<TrackStatus, TrackStatus> onChange;
    private volatile int rise;
    private volatile int fall;
    private volatile TrackStatus status = TrackStatus.PENDING;
    private int streak;
    private boolean decided;

    /** {@code onChange(old, new)} runs before the subscribers, e.g. to log the change. */
    public RiseFall(int rise, int fall, BiConsumer<TrackStatus, TrackStatus> onChange) {
        setThresholds(rise, fall);
        this.onChange = onChange;
    }

    public void setThresholds(int rise, int fall) {
        this.rise = Math.max(1, rise);
        this.fall = Math.max(1, fall);
    }

    public TrackStatus status() {
        return status;
    }

    /** Applies one outcome; returns the status after it. */
    public synchronized TrackStatus accept(Outcome outcome) {
        TrackStatus old = status;
        if (!decided) {
            decided = true;
            streak = 0;
            publish(old, new TrackStatus(outcome.ok(), OptionalInt.empty(), outcome.detail(), Instant.now()));
            return status;
        }
        if (outcome.ok() == old.up()) {
            streak = 0;
            if (!outcome.detail().equals(old.detail())) {
                // same verdict, new words (e.g. another accepted status code): keep `since`
                status = new TrackStatus(old.up(), old.value(), outcome.detail(), old.since());
            }
            return status;
        }
        streak++;
        if (streak >= (outcome.ok() ? rise : fall)) {
            streak = 0;
            publish(old, new TrackStatus(outcome.ok(), OptionalInt.empty(), outcome.detail(), Instant.now()));
        }
        return status;
    }

    private void publish(TrackStatus old, TrackStatus now) {
        status = now;
        onChange.accept(old, now);
        for (Consumer<TrackStatus> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                // a broken listener must not stop the others nor the checks
            }
        }
    }

    public AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int subscribers() {
        return listeners.size();
    }
}
