package dev.vigil.notify.webhook.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Repeats an attempt until it succeeds, fails for good, or the window of {@code retryForMillis}
 * from the first attempt is over. No attempt starts at or after the window's end: when the next
 * backoff wait would reach it, the loop gives up instead, so a delivery ends at most one attempt's
 * timeout after the window.
 */
final class RetryWindow {

    /** Time and waiting, simulated in tests. */
    interface Clock {
        long nanoTime();

        /** Waits; false when the wait was cut short because the notifier is closing. */
        boolean pause(long millis) throws InterruptedException;
    }

    interface Attempt {
        AttemptOutcome run() throws InterruptedException;
    }

    /** Told before each backoff wait. */
    interface RetryListener {
        void retrying(int attempt, AttemptOutcome outcome, long delayMillis);
    }

    enum End {
        DELIVERED, REFUSED, WINDOW_OVER, CLOSING, INTERRUPTED
    }

    /** @param last the last attempt's outcome; null when interrupted before the first ended */
    record Result(End end, int attempts, AttemptOutcome last, long elapsedMillis) {
    }

    private final long retryForMillis;
    private final Backoff backoff;
    private final Clock clock;
    private final DoubleSupplier random;

    RetryWindow(long retryForMillis, Backoff backoff, Clock clock, DoubleSupplier random) {
        this.retryForMillis = retryForMillis;
        this.backoff = backoff;
        this.clock = clock;
        this.random = random;
    }

    Result run(Attempt attempt, RetryListener listener) {
        long start = clock.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(retryForMillis);
        int attempts = 0;
        AttemptOutcome last = null;
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                attempts++;
                last = attempt.run();
                if (last.delivered()) {
                    return result(End.DELIVERED, attempts, last, start);
                }
                if (!last.retryable()) {
                    return result(End.REFUSED, attempts, last, start);
                }
                long delay = backoff.delayMillis(attempts, random.getAsDouble());
                if (clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) - deadline >= 0) {
                    return result(End.WINDOW_OVER, attempts, last, start);
                }
                listener.retrying(attempts, last, delay);
                if (!clock.pause(delay)) {
                    return result(End.CLOSING, attempts, last, start);
                }
            }
        } catch (InterruptedException e) {
            // The caller turns this into an InterruptedException of its own, with the details.
            return result(End.INTERRUPTED, attempts, last, start);
        }
    }

    private Result result(End end, int attempts, AttemptOutcome last, long start) {
        return new Result(end, attempts, last, TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start));
    }
}
