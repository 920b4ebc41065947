package dev.vigil.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

class ReplayingLogListenerTest {

    private final List<String> written = new ArrayList<>();
    private final List<LogListener> listeners = new ArrayList<>();
    private final List<LogEntry> history = new ArrayList<>();

    @Test
    void writesTheHistoryOldestFirstThenLiveEntriesEachOnce() {
        history.add(entry(1, "config.conf:3: error: bad"));
        history.add(entry(2, "1 error(s)"));
        ReplayingLogListener follower = new ReplayingLogListener(e -> written.add(e.getMessage()));

        follower.start(reader());
        // the log service delivers live what it had stored too, when the listener came in between
        listeners.forEach(l -> l.logged(history.get(1)));
        listeners.forEach(l -> l.logged(entry(3, "(VI_1) Entering BACKUP STATE")));
        listeners.forEach(l -> l.logged(entry(4, "(VI_1) Entering MASTER STATE")));

        assertThat(written).containsExactly("config.conf:3: error: bad", "1 error(s)", "(VI_1) Entering BACKUP STATE",
                "(VI_1) Entering MASTER STATE");
    }

    @Test
    void anEntryTheHistoryDidNotKeepIsStillWrittenLive() {
        history.add(entry(5, "kept"));
        ReplayingLogListener follower = new ReplayingLogListener(e -> written.add(e.getMessage()));

        follower.start(reader());
        // a DEBUG entry (not stored in the history) older than the last one replayed
        listeners.forEach(l -> l.logged(entry(4, "debug, not stored")));

        assertThat(written).containsExactly("kept", "debug, not stored");
        follower.stop(reader());
        assertThat(listeners).isEmpty();
    }

    private LogReaderService reader() {
        return (LogReaderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LogReaderService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "addLogListener" -> listeners.add((LogListener) args[0]);
                    case "removeLogListener" -> listeners.remove(args[0]);
                    case "getLog" -> {
                        List<LogEntry> newestFirst = new ArrayList<>(history);
                        Collections.reverse(newestFirst);
                        yield Collections.enumeration(newestFirst);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static LogEntry entry(long sequence, String message) {
        return (LogEntry) Proxy.newProxyInstance(ReplayingLogListenerTest.class.getClassLoader(),
                new Class<?>[] {LogEntry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSequence" -> sequence;
                    case "getMessage" -> message;
                    case "toString" -> message;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
