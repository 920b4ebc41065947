package dev.vigil.tracker.script.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.script.support.ScriptLauncher;

/** Test helpers: scripts in a directory, a recording log, waiting with bounds. */
final class Scripts {

    private Scripts() {
    }

    static final class RecordingLog implements ScriptCheck.Log {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        long count(String text) {
            return lines.stream().filter(l -> l.contains(text)).count();
        }
    }


    static ScriptCheck.Settings settings(String name, List<String> argv, long intervalMillis, long timeoutMillis,
            int rise, int fall, boolean initFail) {
        ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();
        return new ScriptCheck.Settings(name, argv, TimeUnit.MILLISECONDS.toNanos(intervalMillis),
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis), rise, fall, initFail,
                new ScriptLauncher.RunAs(null, tools.uid(), tools.gid()), null, false, ScriptCheck.DEFAULT_TERM_GRACE_NANOS);
    }

    static BlockingQueue<TrackStatus> statuses(ScriptCheck check) {
        BlockingQueue<TrackStatus> q = new LinkedBlockingQueue<>();
        check.subscribe(q::add);
        return q;
    }

    static TrackStatus next(BlockingQueue<TrackStatus> q, Duration timeout) {
        try {
            TrackStatus s = q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("no status change within " + timeout);
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }




}
