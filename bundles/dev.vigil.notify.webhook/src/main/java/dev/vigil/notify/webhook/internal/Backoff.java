package dev.vigil.notify.webhook.internal;

/**
 * Exponential backoff with jitter: the n-th wait is drawn from [base/2, base] where base starts
 * at {@code initialMillis}, doubles per retry and stops growing at {@code maxMillis}. The jitter
 * keeps many routers that failed over together from retrying a receiver in lockstep.
 */
record Backoff(long initialMillis, long maxMillis) {

    static final Backoff DEFAULT = new Backoff(500, 10_000);

    Backoff {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("backoff " + initialMillis + ".." + maxMillis + " ms");
        }
    }

    /**
     * @param retry 1 for the wait after the first failed attempt
     * @param random a uniform draw from [0, 1)
     */
    long delayMillis(int retry, double random) {
        long base = initialMillis;
        for (int i = 1; i < retry && base < maxMillis; i++) {
            base *= 2;
        }
        base = Math.min(base, maxMillis);
        return base - (long) (base / 2 * random);
    }
}
