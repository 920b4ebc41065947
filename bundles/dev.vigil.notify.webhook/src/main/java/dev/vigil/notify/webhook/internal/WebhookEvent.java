package dev.vigil.notify.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.vigil.api.notify.Notification;

/** The JSON body of one webhook request; docs/WEBHOOK.md is its specification. */
final class WebhookEvent {

    static final int VERSION = 1;

    /** Always three fraction digits, always Z: receivers can compare timestamps as strings. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WebhookEvent() {
    }

    /** @param defaultRouterId used when the notification carries no router id */
    static String json(Notification n, String defaultRouterId) {
        String routerId = n.routerId().isEmpty() ? defaultRouterId : n.routerId();
        return new Json()
                .member("version", VERSION)
                .member("type", n.scope() == Notification.Scope.INSTANCE ? "instance" : "group")
                .member("name", n.name())
                .member("from", n.from().name())
                .member("to", n.to().name())
                .member("priority", n.priority())
                .member("virtualAddresses", n.virtualAddresses())
                .member("routerId", routerId)
                .member("timestamp", TIMESTAMP.format(n.at()))
                .member("sequence", n.sequence())
                .member("reason", n.reason())
                .member("key", n.key())
                .end();
    }

    static byte[] body(Notification n, String defaultRouterId) {
        return json(n, defaultRouterId).getBytes(StandardCharsets.UTF_8);
    }
}
