package dev.vigil.notify.webhook.internal;

/**
 * How one POST ended: an HTTP status, or an error before any status (status 0).
 *
 * @param retryable whether a later attempt may succeed where this one failed
 */
record AttemptOutcome(int status, String error, boolean retryable) {

    static AttemptOutcome status(int status) {
        return new AttemptOutcome(status, null, isRetryable(status));
    }

    /** A connection error or a timeout: the receiver may be back soon. */
    static AttemptOutcome error(String error) {
        return new AttemptOutcome(0, error, true);
    }

    boolean delivered() {
        return status >= 200 && status < 300;
    }

    /**
     * Timeouts (408), rate limits (429) and server errors are worth another try; any other
     * client error, a redirect (never followed: the signature covers one URL) or an odd status
     * would only repeat.
     */
    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }

    @Override
    public String toString() {
        return error != null ? error : "HTTP " + status;
    }
}
