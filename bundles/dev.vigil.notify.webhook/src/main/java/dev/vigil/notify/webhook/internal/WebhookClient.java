package dev.vigil.notify.webhook.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.osgi.service.log.Logger;

import dev.vigil.api.notify.Notification;

/** Delivers notifications to one configured webhook, retrying within the configured window. */
final class WebhookClient {

    private final WebhookSettings settings;
    private final WebhookPost post;
    private final RetryWindow retries;
    private final Logger log;

    /** @param closing counted down when the notifier goes away: waits between retries end at once */
    WebhookClient(WebhookSettings settings, Backoff backoff, CountDownLatch closing, Logger log) {
        this.settings = settings;
        this.post = new WebhookPost(settings);
        this.log = log;
        this.retries = new RetryWindow(settings.retryForMillis(), backoff, new RetryWindow.Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public boolean pause(long millis) throws InterruptedException {
                return !closing.await(millis, TimeUnit.MILLISECONDS);
            }
        }, () -> ThreadLocalRandom.current().nextDouble());
    }

    WebhookSettings settings() {
        return settings;
    }

    /**
     * Returns once a 2xx came back.
     *
     * @throws IOException when given up on, naming the URL, the attempts and the last outcome
     * @throws InterruptedException when the delivering thread was interrupted (no more attempts)
     */
    void deliver(Notification n) throws IOException, InterruptedException {
        HttpRequest request = post.request(n);
        RetryWindow.Result r = retries.run(() -> post.send(request), (attempt, outcome, delay) ->
                log.debug("{}: attempt {} to deliver {} to {} failed ({}); retrying in {} ms", settings.name(),
                        attempt, n, settings.displayUrl(), outcome, delay));
        if (r.end() == RetryWindow.End.DELIVERED) {
            return;
        }
        String message = settings.name() + ": gave up delivering " + n + " to " + settings.displayUrl() + " after "
                + r.attempts() + (r.attempts() == 1 ? " attempt" : " attempts") + " in " + r.elapsedMillis()
                + " ms: " + (r.last() == null ? "no outcome" : r.last()) + " (" + why(r.end()) + ")";
        log.warn("{}", message);
        if (r.end() == RetryWindow.End.INTERRUPTED) {
            throw new InterruptedException(message);
        }
        throw new IOException(message);
    }

    private String why(RetryWindow.End end) {
        return switch (end) {
            case REFUSED -> "not retried";
            case WINDOW_OVER -> "retry window of " + settings.retryForMillis() + " ms over";
            case CLOSING -> "notifier stopping";
            case INTERRUPTED -> "interrupted";
            case DELIVERED -> "delivered";
        };
    }
}
