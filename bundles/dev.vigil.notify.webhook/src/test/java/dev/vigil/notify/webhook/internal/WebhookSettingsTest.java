package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.osgi.TypedConfigs;

class WebhookSettingsTest {

    static WebhookConfig config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("vigil_notify_name", "webhook:ops");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return TypedConfigs.of(WebhookConfig.class, m);
    }

    @Test
    void takesTheContractDefaults() {
        WebhookSettings s = WebhookSettings.of(config("url", "https://hooks.example.net/vigil"));

        assertThat(s.name()).isEqualTo("webhook:ops");
        assertThat(s.url()).isEqualTo(URI.create("https://hooks.example.net/vigil"));
        assertThat(s.timeoutMillis()).isEqualTo(5000);
        assertThat(s.retryForMillis()).isEqualTo(60_000);
        assertThat(s.signer()).isNull();
        assertThat(s.routerId()).isEmpty();
    }

    @Test
    void anEmptySecretMeansUnsigned() {
        assertThat(WebhookSettings.of(config("url", "http://127.0.0.1/", "_secret", "")).signer()).isNull();
        assertThat(WebhookSettings.of(config("url", "http://127.0.0.1/", "_secret", "k")).signer()).isNotNull();
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "ftp://files.example.net/x")))
                .hasMessage("url ftp://files.example.net/x is not http:// or https://");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "hooks.example.net/x")))
                .hasMessage("url hooks.example.net/x is not http:// or https://");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "http://exa mple/")))
                .hasMessageStartingWith("url is not a URL: Illegal character in authority");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "http:///path")))
                .hasMessage("url http:///path has no host");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", " ")))
                .hasMessage("url is missing");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "http://127.0.0.1/", "timeoutMillis", 0)))
                .hasMessage("timeoutMillis 0 is not positive");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "http://127.0.0.1/", "retryForMillis", -1)))
                .hasMessage("retryForMillis -1 is negative");
    }

    @Test
    void logsShowNeitherTheSecretNorUrlCredentials() {
        WebhookSettings s = WebhookSettings.of(config("url", "https://bot:pa55@hooks.example.net/v?x=1",
                "_secret", "s3cret"));

        assertThat(s.toString()).isEqualTo(
                "webhook:ops -> https://***@hooks.example.net/v?x=1 (signed), timeout 5000 ms, retry for 60000 ms");
        assertThatThrownBy(() -> WebhookSettings.of(config("url", "gopher://bot:pa55@hooks.example.net/")))
                .hasMessage("url gopher://***@hooks.example.net/ is not http:// or https://");
    }
}
