package dev.vigil.daemon.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats log entries the way keepalived prints them with {@code -l}: a time stamp, the
 * {@code Keepalived_vrrp[PID]} identifier existing log filters look for, then the message.
 */
final class LogLineFormat {
    static final String IDENT = "Keepalived_vrrp";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS yyyy").withZone(ZoneId.systemDefault());

    private final String prefix;

    LogLineFormat(long pid) {
        this.prefix = IDENT + "[" + pid + "]: ";
    }

    String format(long epochMillis, String level, String message, Throwable error) {
        StringBuilder line = new StringBuilder(128)
                .append(TIME.format(Instant.ofEpochMilli(epochMillis))).append(": ")
                .append(prefix);
        if (level != null) {
            line.append(level).append(": ");
        }
        line.append(message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.toString();
    }
}
