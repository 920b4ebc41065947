package dev.vigil.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

import dev.vigil.daemon.log.ReplayingLogListener;

/**
 * Without {@code -l} ({@code vigil.log.console=false}) the log goes to syslog, as keepalived's
 * does: one datagram per line to {@code /dev/log} (framework property {@code vigil.syslog.socket}),
 * facility daemon, identifier {@code Keepalived_vrrp[PID]}, so existing syslog filters keep
 * matching. Our own lines from INFO, the framework's from WARNING, as on the console.
 */
@Component(service = {}, immediate = true)
public class SyslogSink implements LogListener {

    static final String IDENT = "Keepalived_vrrp";
    private static final int FACILITY_DAEMON = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final LogReaderService reader;
    private final ReplayingLogListener follower = new ReplayingLogListener(this);
    private final UnixDatagram socket;
    private final long pid = ProcessHandle.current().pid();

    @Activate
    public SyslogSink(BundleContext context, @Reference LogReaderService reader) {
        this.reader = reader;
        String path = context.getProperty("vigil.syslog.socket");
        path = path == null || path.isBlank() ? "/dev/log" : path.strip();
        UnixDatagram s = null;
        if ("false".equalsIgnoreCase(context.getProperty("vigil.log.console")) && Files.exists(Path.of(path))) {
            try {
                s = new UnixDatagram(path);
            } catch (Exception | LinkageError e) {
                System.err.println("vigil: cannot log to syslog at " + path + ": " + e);
            }
        }
        socket = s;
        if (socket != null) {
            follower.start(reader);
        }
    }

    @Deactivate
    void deactivate() {
        if (socket != null) {
            follower.stop(reader);
            socket.close();
        }
    }

    @Override
    public void logged(LogEntry entry) {
        String logger = entry.getLoggerName() == null ? "" : entry.getLoggerName();
        LogLevel limit = logger.startsWith("dev.vigil.") ? LogLevel.INFO : LogLevel.WARN;
        if (!limit.implies(entry.getLogLevel())) {
            return;
        }
        String message = entry.getMessage();
        if (entry.getException() != null) {
            message = message + ": " + entry.getException();
        }
        socket.send(line(entry.getLogLevel(), entry.getTime(), pid, message));
    }

    /** RFC 3164 as glibc's syslog(3) writes it: {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: message}. */
    static String line(LogLevel level, long epochMillis, long pid, String message) {
        int severity = switch (level) {
            case AUDIT, ERROR -> 3;
            case WARN -> 4;
            case INFO -> 6;
            default -> 7;
        };
        String prefix = switch (level) {
            case AUDIT, ERROR -> "ERROR: ";
            case WARN -> "WARNING: ";
            default -> "";
        };
        return "<" + (FACILITY_DAEMON * 8 + severity) + ">" + STAMP.format(Instant.ofEpochMilli(epochMillis)) + " "
                + IDENT + "[" + pid + "]: " + prefix + message.replace('\n', ' ');
    }
}
