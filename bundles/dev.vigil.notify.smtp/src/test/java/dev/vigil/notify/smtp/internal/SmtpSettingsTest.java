package dev.vigil.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.osgi.TypedConfigs;

/** global_defs SMTP settings: keepalived's defaults, and broken ones reported up front. */
class SmtpSettingsTest {

    private static SmtpSettings settings(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("server", "smtp.example.net",
                "to", new String[] {"ops@example.net", "Night Shift <night@example.net>"}));
        values.putAll(overrides);
        return SmtpSettings.of(TypedConfigs.of(SmtpNotifierConfig.class, values), "lb1.example.net", "vigil");
    }

    @Test
    void defaultsAreKeepalivedsHostNameHeloUserAtHostFromPort25And30Seconds() {
        SmtpSettings s = settings(Map.of());

        assertThat(s.heloName()).isEqualTo("lb1.example.net");
        assertThat(s.from().getAddress()).isEqualTo("vigil@lb1.example.net");
        assertThat(s.port()).isEqualTo(25);
        assertThat(s.timeoutMillis()).isEqualTo(30000);
        assertThat(s.endpoint()).isEqualTo("[smtp.example.net]:25");
        assertThat(s.to()).extracting(a -> a.getAddress()).containsExactly("ops@example.net", "night@example.net");
        assertThat(s.routerId()).isEmpty();
    }

    @Test
    void configuredValuesWin() {
        SmtpSettings s = settings(Map.of("port", 2525, "connectTimeoutMillis", 5000, "heloName", "vrrp-a",
                "from", "Keepalived <lb@example.net>", "routerId", "lb1"));

        assertThat(s.heloName()).isEqualTo("vrrp-a");
        assertThat(s.from().getAddress()).isEqualTo("lb@example.net");
        assertThat(s.from().getPersonal()).isEqualTo("Keepalived");
        assertThat(s.endpoint()).isEqualTo("[smtp.example.net]:2525");
        assertThat(s.timeoutMillis()).isEqualTo(5000);
        assertThat(s.routerId()).isEqualTo("lb1");
    }

    @Test
    void blankRecipientsAreSkippedButNoRecipientAtAllIsAnError() {
        assertThat(settings(Map.of("to", new String[] {" ", "ops@example.net"})).to()).hasSize(1);

        assertThatThrownBy(() -> settings(Map.of("to", new String[] {" "})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notification_email");
    }

    @Test
    void missingServerBadPortAndBadAddressesAreReported() {
        assertThatThrownBy(() -> settings(Map.of("server", " ")))
                .hasMessageContaining("smtp_server");
        assertThatThrownBy(() -> settings(Map.of("port", 70000)))
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> settings(Map.of("connectTimeoutMillis", 0)))
                .hasMessageContaining("connectTimeoutMillis");
        assertThatThrownBy(() -> settings(Map.of("to", new String[] {"ops@example.net", "a@b@c"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a@b@c'");
        assertThatThrownBy(() -> settings(Map.of("from", "<unterminated")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notification_email_from");
    }
}
