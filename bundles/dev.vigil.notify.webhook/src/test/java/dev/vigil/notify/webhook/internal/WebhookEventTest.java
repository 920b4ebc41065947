package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;

class WebhookEventTest {

    @Test
    void anInstanceChangeIsOneFlatObjectInTheDocumentedOrder() {
        assertThat(WebhookEvent.json(Notifications.master(7), "ignored")).isEqualTo("{"
                + "\"version\":1,\"type\":\"instance\",\"name\":\"VI_1\",\"from\":\"BACKUP\",\"to\":\"MASTER\","
                + "\"priority\":150,\"virtualAddresses\":[\"198.51.100.10/24\",\"2001:db8::10/64\"],"
                + "\"routerId\":\"lb-a\",\"timestamp\":\"2026-11-25T20:31:07.123Z\",\"sequence\":7,"
                + "\"reason\":\"master down timer\",\"key\":\"instance:VI_1\"}");
    }

    @Test
    void aGroupChangeWithAwkwardTextParsesBackToTheSameValues() {
        Notification n = new Notification(Notification.Scope.GROUP, "G \"1\"", NotifyState.MASTER,
                NotifyState.DELETED, 0, List.of(), "", Instant.parse("2026-01-02T03:04:05Z"), 2,
                "removed by reload\n\tfrom /etc/keepalived\\keepalived.conf: Zürich");

        String json = new String(WebhookEvent.body(n, "host-7"), StandardCharsets.UTF_8);
        Map<String, Object> event = TinyJson.object(json);

        assertThat(event).containsExactly(
                Map.entry("version", 1L),
                Map.entry("type", "group"),
                Map.entry("name", "G \"1\""),
                Map.entry("from", "MASTER"),
                Map.entry("to", "DELETED"),
                Map.entry("priority", 0L),
                Map.entry("virtualAddresses", List.of()),
                Map.entry("routerId", "host-7"),
                Map.entry("timestamp", "2026-01-02T03:04:05.000Z"),
                Map.entry("sequence", 2L),
                Map.entry("reason", "removed by reload\n\tfrom /etc/keepalived\\keepalived.conf: Zürich"),
                Map.entry("key", "group:G \"1\""));
    }

    @Test
    void theBodyIsUtf8() {
        Notification n = new Notification(Notification.Scope.INSTANCE, "東", NotifyState.BACKUP, NotifyState.FAULT,
                100, List.of(), "r", Notifications.AT, 1, "");

        byte[] body = WebhookEvent.body(n, "");

        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"name\":\"東\"");
        assertThat(body).containsSequence(0xe6, 0x9d, 0xb1);
    }
}
