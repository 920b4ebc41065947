package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.osgi.RecordingLogger;

/** The component's handling of its configuration (deliveries: {@link WebhookDeliveryTest}). */
class WebhookNotifierTest {

    private final List<String> log = RecordingLogger.lines();

    @Test
    void aBadUrlIsRefusedWithOneErrorAndEveryDeliverySaysWhy() {
        WebhookNotifier n = new WebhookNotifier(WebhookSettingsTest.config("url", "ftp://files.example.net/x",
                "vigil_config_origin", "/etc/keepalived/keepalived.conf:42", "_secret", "s3cret"),
                RecordingLogger.into(log));

        assertThat(log).containsExactly("ERROR webhook:ops (/etc/keepalived/keepalived.conf:42): configuration "
                + "refused: url ftp://files.example.net/x is not http:// or https://; its notifications fail until "
                + "the configuration is fixed");
        assertThatThrownBy(() -> n.deliver(Notifications.master(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("webhook:ops (/etc/keepalived/keepalived.conf:42): configuration refused: "
                        + "url ftp://files.example.net/x is not http:// or https://");
    }

    @Test
    void aModifiedConfigurationReplacesARefusedOne() {
        WebhookNotifier n = new WebhookNotifier(WebhookSettingsTest.config("url", "not a url"),
                RecordingLogger.into(log));

        n.modified(WebhookSettingsTest.config("url", "http://127.0.0.1:9/hook", "_secret", "s3cret",
                "retryForMillis", 0));

        assertThat(log).filteredOn(l -> l.startsWith("DEBUG")).containsExactly(
                "DEBUG webhook:ops: configured: webhook:ops -> http://127.0.0.1:9/hook (signed), timeout 5000 ms, "
                        + "retry for 0 ms");
        assertThat(log).noneMatch(l -> l.contains("s3cret"));
    }
}
