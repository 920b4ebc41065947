package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retry policy on a simulated clock: each attempt takes {@link #ATTEMPT_MILLIS}. */
class RetryWindowTest {

    private static final long ATTEMPT_MILLIS = 200;

    private long nowMillis;
    private boolean closing;
    private final List<Long> attemptStarts = new ArrayList<>();
    private final List<Long> waits = new ArrayList<>();

    private final RetryWindow.Clock clock = new RetryWindow.Clock() {
        @Override
        public long nanoTime() {
            return TimeUnit.MILLISECONDS.toNanos(nowMillis);
        }

        @Override
        public boolean pause(long millis) {
            waits.add(millis);
            nowMillis += millis;
            return !closing;
        }
    };

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private RetryWindow window(long retryForMillis) {
        return new RetryWindow(retryForMillis, Backoff.DEFAULT, clock, () -> 0.0);
    }

    /** Answers the queued outcomes in order, then the last one forever. */
    private RetryWindow.Attempt answering(AttemptOutcome... outcomes) {
        Deque<AttemptOutcome> queue = new ArrayDeque<>(List.of(outcomes));
        return () -> {
            attemptStarts.add(nowMillis);
            nowMillis += ATTEMPT_MILLIS;
            return queue.size() > 1 ? queue.poll() : queue.peek();
        };
    }

    @Test
    void retriesServerErrorsUntilA2xx() {
        List<String> told = new ArrayList<>();

        RetryWindow.Result r = window(60_000).run(answering(AttemptOutcome.status(503),
                AttemptOutcome.error("connection refused"), AttemptOutcome.status(204)),
                (attempt, outcome, delay) -> told.add(attempt + " " + outcome + " " + delay));

        assertThat(r.end()).isEqualTo(RetryWindow.End.DELIVERED);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.last().status()).isEqualTo(204);
        assertThat(told).containsExactly("1 HTTP 503 500", "2 connection refused 1000");
        assertThat(attemptStarts).containsExactly(0L, 700L, 1900L);
    }

    @Test
    void aClientErrorIsNotRetried() {
        RetryWindow.Result r = window(60_000).run(answering(AttemptOutcome.status(400)), (a, o, d) -> { });

        assertThat(r.end()).isEqualTo(RetryWindow.End.REFUSED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void timeoutsRateLimitsAndServerErrorsAreRetriedOtherStatusesAreNot() {
        assertThat(List.of(408, 429, 500, 502, 503, 504, 599)).allMatch(AttemptOutcome::isRetryable);
        assertThat(List.of(100, 301, 302, 304, 400, 401, 403, 404, 410, 422)).noneMatch(AttemptOutcome::isRetryable);
        assertThat(AttemptOutcome.status(200).delivered()).isTrue();
        assertThat(AttemptOutcome.status(299).delivered()).isTrue();
        assertThat(AttemptOutcome.status(300).delivered()).isFalse();
    }

    @Test
    void noAttemptStartsAtOrAfterTheEndOfTheWindow() {
        RetryWindow.Result r = window(60_000).run(answering(AttemptOutcome.status(503)), (a, o, d) -> { });

        assertThat(r.end()).isEqualTo(RetryWindow.End.WINDOW_OVER);
        assertThat(attemptStarts).allMatch(t -> t < 60_000);
        // 500, 1000, 2000, 4000, 8000 then 10 s waits, each after a 200 ms attempt.
        assertThat(waits).startsWith(500L, 1000L, 2000L, 4000L, 8000L, 10_000L).allMatch(w -> w <= 10_000);
        assertThat(attemptStarts.get(attemptStarts.size() - 1) + ATTEMPT_MILLIS + 10_000).isGreaterThanOrEqualTo(60_000);
        assertThat(r.attempts()).isEqualTo(attemptStarts.size());
    }

    @Test
    void aZeroWindowMeansOneAttempt() {
        RetryWindow.Result r = window(0).run(answering(AttemptOutcome.status(503)), (a, o, d) -> { });

        assertThat(r.end()).isEqualTo(RetryWindow.End.WINDOW_OVER);
        assertThat(r.attempts()).isEqualTo(1);
    }

    @Test
    void closingEndsTheWaitAndTheRetries() {
        closing = true;

        RetryWindow.Result r = window(60_000).run(answering(AttemptOutcome.status(503)), (a, o, d) -> { });

        assertThat(r.end()).isEqualTo(RetryWindow.End.CLOSING);
        assertThat(r.attempts()).isEqualTo(1);
    }

    @Test
    void anInterruptDuringAnAttemptStopsTheRetries() {
        RetryWindow.Attempt interrupted = () -> {
            attemptStarts.add(nowMillis);
            throw new InterruptedException();
        };

        RetryWindow.Result r = window(60_000).run(interrupted, (a, o, d) -> { });

        assertThat(r.end()).isEqualTo(RetryWindow.End.INTERRUPTED);
        assertThat(attemptStarts).hasSize(1);
    }

    @Test
    void anInterruptPendingBeforeTheNextAttemptStopsTheRetries() {
        RetryWindow.Attempt failingThenInterrupted = () -> {
            attemptStarts.add(nowMillis);
            Thread.currentThread().interrupt();
            return AttemptOutcome.status(503);
        };

        RetryWindow.Result r = window(60_000).run(failingThenInterrupted, (a, o, d) -> { });

        assertThat(r.end()).isEqualTo(RetryWindow.End.INTERRUPTED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.last().status()).isEqualTo(503);
    }
}
