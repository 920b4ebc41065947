package dev.vigil.daemon.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * Writes every log entry of the framework to standard output, one line each, with {@code -l}
 * ({@code vigil.log.console=true}). Without it keepalived logs to syslog, and so does Vigil (the
 * shell bundle's syslog sink); only when there is no syslog socket to write to does the console
 * stay the sink, so that no line is lost and none is written twice.
 */
@Component(immediate = true)
public class ConsoleLog implements LogListener {

    private final PrintStream out = System.out;
    private final LogLineFormat format = new LogLineFormat(ProcessHandle.current().pid());
    private final LogReaderService reader;
    private final ReplayingLogListener follower = new ReplayingLogListener(this);

    private final boolean active;

    @Activate
    public ConsoleLog(BundleContext context, @Reference LogReaderService reader) {
        this.reader = reader;
        String syslog = context.getProperty("vigil.syslog.socket");
        Path syslogSocket = Path.of(syslog == null || syslog.isBlank() ? "/dev/log" : syslog.strip());
        this.active = !"false".equalsIgnoreCase(context.getProperty("vigil.log.console")) || !Files.exists(syslogSocket);
        if (active) {
            follower.start(reader);
        }
    }

    @Deactivate
    void deactivate() {
        if (active) {
            follower.stop(reader);
        }
        out.flush();
    }

    @Override
    public void logged(LogEntry entry) {
        if (!shown(entry)) {
            return;
        }
        String level = switch (entry.getLogLevel()) {
            case ERROR, AUDIT -> "ERROR";
            case WARN -> "WARNING";
            default -> null;
        };
        String line = format.format(entry.getTime(), level, entry.getMessage(), entry.getException());
        synchronized (out) {
            out.println(line);
        }
    }

    /** Framework and SCR chatter below WARN is noise to an operator; our own INFO is not. */
    private static boolean shown(LogEntry entry) {
        // by logger name: the framework and SCR log about our bundles under the bundle's identity
        String logger = entry.getLoggerName() == null ? "" : entry.getLoggerName();
        boolean ours = logger.startsWith("dev.vigil.");
        LogLevel limit = ours ? LogLevel.DEBUG : LogLevel.WARN;
        return limit.implies(entry.getLogLevel());
    }
}
