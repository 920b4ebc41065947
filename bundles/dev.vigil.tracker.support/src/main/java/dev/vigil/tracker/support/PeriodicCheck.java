package dev.vigil.tracker.support;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.api.track.Tracker;

/**
 * A tracker that runs an asynchronous probe every interval on a shared scheduler. No thread
 * waits for a probe: the probe returns a future, which is abandoned (and cancelled) when it has
 * not completed within its deadline. At most one probe of a tracker is in flight; a tick that
 * finds the previous probe still running is skipped.
 */
public final class PeriodicCheck implements Tracker {

    /** How to check, and how long one check may take at most. */
    public record Plan(Supplier<CompletableFuture<Outcome>> probe, long intervalMillis, long deadlineMillis,
            Function<Throwable, Outcome> explain) {
        public Plan {
            Objects.requireNonNull(probe);
            Objects.requireNonNull(explain);
            intervalMillis = intervalMillis <= 0 ? 1000 : Math.max(10, intervalMillis); // 0 or unset: 1 s
            deadlineMillis = Math.max(1, deadlineMillis);
        }
    }

    private final ScheduledExecutorService scheduler;
    private final RiseFall state;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile Plan plan;
    private ScheduledFuture<?> ticks;
    private volatile CompletableFuture<Outcome> current;
    private volatile boolean closed;
    private volatile long probes;

    public PeriodicCheck(ScheduledExecutorService scheduler, Plan plan, int rise, int fall,
            BiConsumer<TrackStatus, TrackStatus> onChange) {
        this.scheduler = scheduler;
        this.plan = plan;
        this.state = new RiseFall(rise, fall, onChange);
    }

    public synchronized void start() {
        if (closed || ticks != null) {
            return;
        }
        ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, plan.intervalMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new way to check (a modified configuration); the current status and subscribers stay. */
    public synchronized void replan(Plan next, int rise, int fall) {
        boolean newInterval = next.intervalMillis() != plan.intervalMillis();
        plan = next;
        state.setThresholds(rise, fall);
        if (ticks != null && newInterval) {
            ticks.cancel(false);
            ticks = scheduler.scheduleWithFixedDelay(this::tick, next.intervalMillis(), next.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the checks; a probe in flight is cancelled. Subscribers are told nothing more. */
    public synchronized void close() {
        closed = true;
        if (ticks != null) {
            ticks.cancel(false);
        }
        CompletableFuture<Outcome> c = current;
        if (c != null) {
            c.cancel(true);
        }
    }

    private void tick() {
        Plan p;
        CompletableFuture<Outcome> probe;
        // Under close()'s lock: once close() returns, no probe starts, and the one in flight is cancelled.
        synchronized (this) {
            if (closed || !inFlight.compareAndSet(false, true)) {
                return;
            }
            p = plan;
            try {
                probe = p.probe().get();
            } catch (RuntimeException e) {
                probe = CompletableFuture.failedFuture(e);
            }
            current = probe;
            probes++;
        }
        CompletableFuture<Outcome> bounded = probe.copy().orTimeout(p.deadlineMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Outcome> started = probe;
        bounded.whenComplete((outcome, failure) -> {
            try {
                if (closed) {
                    return;
                }
                Outcome o;
                if (failure == null) {
                    o = outcome;
                } else {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TimeoutException) {
                        started.cancel(true);
                        o = Outcome.failed("timed out after " + p.deadlineMillis() + " ms");
                    } else if (cause instanceof CancellationException) {
                        return;
                    } else {
                        o = p.explain().apply(cause);
                    }
                }
                state.accept(o);
            } finally {
                current = null;
                inFlight.set(false);
            }
        });
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Probes started so far (for tests and status). */
    public long probes() {
        return probes;
    }

    public int subscribers() {
        return state.subscribers();
    }

    @Override
    public TrackStatus status() {
        return state.status();
    }

    @Override
    public AutoCloseable subscribe(java.util.function.Consumer<TrackStatus> listener) {
        return state.subscribe(listener);
    }
}
