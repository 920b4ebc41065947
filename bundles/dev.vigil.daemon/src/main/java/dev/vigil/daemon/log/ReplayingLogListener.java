package dev.vigil.daemon.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Follows the framework log from its beginning: start levels put the log sinks after the bundles
 * whose start-up they must show (the configuration loader's FILE:LINE errors among them), so a
 * sink that only listened would never write those lines. On {@link #start} it first listens, then
 * writes the log service's history oldest first; an entry of the history that also arrives live
 * is written once. Used by the console and the syslog sinks (copied into the shell bundle by bnd).
 */
public final class ReplayingLogListener implements LogListener {

    private final LogListener sink;
    /** Sequence numbers written from the history that may still arrive live; guarded by this. */
    private final Set<Long> replayed = new HashSet<>();
    private long lastReplayed = -1;

    public ReplayingLogListener(LogListener sink) {
        this.sink = sink;
    }

    /** Listens to {@code reader}, then writes its history; live entries wait until that is done. */
    public synchronized void start(LogReaderService reader) {
        reader.addLogListener(this);
        List<LogEntry> history = new ArrayList<>();
        var entries = reader.getLog(); // newest first
        while (entries.hasMoreElements() && history.size() < 100_000) {
            history.add(entries.nextElement());
        }
        Collections.reverse(history);
        for (LogEntry entry : history) {
            replayed.add(entry.getSequence());
            lastReplayed = Math.max(lastReplayed, entry.getSequence());
            sink.logged(entry);
        }
    }

    public void stop(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (this) {
            if (entry.getSequence() <= lastReplayed && replayed.remove(entry.getSequence())) {
                return;
            }
            if (entry.getSequence() > lastReplayed) {
                replayed.clear(); // the live stream is past the history: nothing more to skip
            }
        }
        sink.logged(entry);
    }
}
