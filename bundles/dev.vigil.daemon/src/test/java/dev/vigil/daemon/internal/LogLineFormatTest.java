package dev.vigil.daemon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLineFormatTest {

    private final LogLineFormat format = new LogLineFormat(4242);

    @Test
    void infoLinesCarryKeepalivedsIdentifierAndNoLevel() {
        String line = format.format(0L, null, "(VI_1) Entering MASTER STATE", null);
        assertThat(line).endsWith(": Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE");
        // operators grep the keepalived wording: it must be intact at the end of the line
        assertThat(line).matches("\\w{3} \\w{3} \\d{1,2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\d{4}: .*");
    }

    @Test
    void warningsAreMarkedAndErrorsCarryTheirTrace() {
        assertThat(format.format(0L, "WARNING", "x.conf:3: unknown keyword", null))
                .endsWith("Keepalived_vrrp[4242]: WARNING: x.conf:3: unknown keyword");
        String withTrace = format.format(0L, "ERROR", "boom", new IllegalStateException("cause here"));
        assertThat(withTrace).contains("ERROR: boom").contains("java.lang.IllegalStateException: cause here")
                .contains("at dev.vigil.daemon.internal.LogLineFormatTest");
    }
}
