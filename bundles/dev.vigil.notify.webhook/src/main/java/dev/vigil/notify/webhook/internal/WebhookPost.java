package dev.vigil.notify.webhook.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.vigil.api.notify.Notification;

/** Builds the request for one notification and sends it, one attempt at a time. */
final class WebhookPost {

    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String USER_AGENT = "Vigil";
    static final String EVENT_HEADER = "X-Vigil-Event";
    static final String SEQUENCE_HEADER = "X-Vigil-Sequence";

    private final WebhookSettings settings;
    private final HttpClient client;

    WebhookPost(WebhookSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                // No h2c upgrade dance with plain-HTTP receivers; HTTPS still negotiates by ALPN.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect is answered as a failure: the receiver's URL is configuration.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .build();
    }

    HttpRequest request(Notification n) {
        byte[] body = WebhookEvent.body(n, settings.routerId());
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofMillis(settings.timeoutMillis()))
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", USER_AGENT)
                .header(EVENT_HEADER, headerValue(n.key()))
                .header(SEQUENCE_HEADER, Long.toString(n.sequence()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.signer() != null) {
            b.header(Signer.HEADER, settings.signer().signature(body));
        }
        return b.build();
    }

    /** One attempt; blocks at most about the configured timeout, or until interrupted. */
    AttemptOutcome send(HttpRequest request) throws InterruptedException {
        try {
            return AttemptOutcome.status(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (HttpConnectTimeoutException e) {
            return AttemptOutcome.error("no connection within " + settings.timeoutMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return AttemptOutcome.error("no response within " + settings.timeoutMillis() + " ms");
        } catch (IOException e) {
            return AttemptOutcome.error(describe(e));
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Instance and group names come from a configuration file; anything a header cannot carry
     * becomes '?' rather than failing the request (the body has the exact name).
     */
    static String headerValue(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
