package dev.vigil.daemon.internal;

import java.io.PrintStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Writes every log entry of the framework to standard output, one line each. keepalived logs to
 * syslog unless {@code -l}; under systemd standard output is the journal, so this is the one
 * sink for now (a syslog sink comes with the operations work).
 */
@Component(immediate = true)
public class ConsoleLog implements LogListener {

    private final PrintStream out = System.out;
    private final LogLineFormat format = new LogLineFormat(ProcessHandle.current().pid());
    private final LogReaderService reader;

    @Activate
    public ConsoleLog(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
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
