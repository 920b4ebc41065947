package dev.vigil.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

class SyslogSinkTest {

    @Test
    void linesCarryDaemonFacilitySeverityAndKeepalivedsIdentifier() {
        long t = LocalDateTime.of(2026, 3, 5, 7, 8, 9).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        assertThat(SyslogSink.line(LogLevel.INFO, t, 42, "(VI_1) Entering MASTER STATE"))
                .isEqualTo("<30>Mar  5 07:08:09 Keepalived_vrrp[42]: (VI_1) Entering MASTER STATE");
        assertThat(SyslogSink.line(LogLevel.WARN, t, 42, "x")).startsWith("<28>").endsWith("]: WARNING: x");
        assertThat(SyslogSink.line(LogLevel.ERROR, t, 42, "a\nb")).startsWith("<27>").endsWith("]: ERROR: a b");
    }
}
