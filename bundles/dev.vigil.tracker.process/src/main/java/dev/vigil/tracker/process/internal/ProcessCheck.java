package dev.vigil.tracker.process.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.vigil.api.track.TrackStatus;

/**
 * One {@code vrrp_track_process}: the number of matching processes, read from /proc every
 * interval, against the quorum. Up while {@code quorum <= count <= quorumMax}, as keepalived's
 * {@code have_quorum}. A gained quorum counts after {@code fork_delay}, a lost one after
 * {@code terminate_delay} (keepalived's {@code delay} sets both), if it still holds then; the
 * first reading decides at once. "Quorum gained|lost for tracked process NAME" is logged on each
 * change, as keepalived does.
 *
 * <p>keepalived follows fork/exec/exit through the kernel's proc connector; this polls /proc
 * (one pass over /proc/PID/stat, and /proc/PID/cmdline only when argv is matched) at the
 * configured interval, so a change is seen within one interval.
 */
final class ProcessCheck implements AutoCloseable {

    /**
     * @param quorumMax -1 for no maximum
     */
    record Settings(String name, ProcessMatcher matcher, int quorum, int quorumMax, long forkDelayNanos,
            long terminateDelayNanos, long intervalNanos) {
        Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(matcher, "matcher");
            if (quorumMax == 0) {
                quorum = 0; // keepalived: quorum_max 0 means "up while none runs"
            }
            quorum = Math.max(0, quorum);
            intervalNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), intervalNanos);
            forkDelayNanos = Math.max(0, forkDelayNanos);
            terminateDelayNanos = Math.max(0, terminateDelayNanos);
        }

        boolean quorate(int count) {
            return count >= quorum && (quorumMax < 0 || count <= quorumMax);
        }

        String range() {
            return quorum + ".." + (quorumMax < 0 ? "" : Integer.toString(quorumMax));
        }
    }

    interface Log {
        void info(String message);
    }

    private final ScheduledExecutorService scheduler;
    private final ProcTable table;
    private final Log log;
    private final List<Consumer<TrackStatus>> listeners = new CopyOnWriteArrayList<>();

    // scheduler thread only
    private Settings settings;
    private Future<?> poll;
    private Future<?> delay;
    private boolean closed;
    private int count = -1;

    private volatile TrackStatus status = TrackStatus.PENDING;

    ProcessCheck(Settings settings, ScheduledExecutorService scheduler, ProcTable table, Log log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.table = Objects.requireNonNull(table, "table");
        this.log = Objects.requireNonNull(log, "log");
    }

    void start() {
        submit(this::poll);
    }

    void update(Settings next) {
        submit(() -> {
            settings = next;
            if (delay != null) {
                delay.cancel(false);
                delay = null;
            }
            if (poll != null) {
                poll.cancel(false);
            }
            poll();
        });
    }

    TrackStatus status() {
        return status;
    }

    AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        try {
            scheduler.submit(() -> {
                closed = true;
                if (poll != null) {
                    poll.cancel(false);
                }
                if (delay != null) {
                    delay.cancel(false);
                }
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // scheduler gone: nothing is scheduled any more
        }
    }

    // ------------------------------------------------------------------ scheduler thread

    private void poll() {
        if (closed) {
            return;
        }
        Settings s = settings;
        poll = schedule(this::poll, s.intervalNanos());
        count = table.matching(s.matcher()).size();
        boolean quorate = s.quorate(count);
        TrackStatus now = status;
        if (now.equals(TrackStatus.PENDING)) {
            publish(quorate, false); // the first reading decides at once, as keepalived's initialisation
            return;
        }
        if (quorate == now.up()) {
            if (delay != null) {
                delay.cancel(false); // the change did not last
                delay = null;
            }
            return;
        }
        long wait = quorate ? s.forkDelayNanos() : s.terminateDelayNanos();
        if (wait == 0) {
            publish(quorate, true);
        } else if (delay == null) {
            delay = schedule(this::delayOver, wait);
        }
    }

    private void delayOver() {
        delay = null;
        if (closed) {
            return;
        }
        Settings s = settings;
        count = table.matching(s.matcher()).size();
        boolean quorate = s.quorate(count);
        if (quorate != status.up()) {
            publish(quorate, true);
        }
    }

    private void publish(boolean up, boolean logIt) {
        Settings s = settings;
        if (logIt) {
            log.info("Quorum " + (up ? "gained" : "lost") + " for tracked process " + s.name());
        }
        TrackStatus next = new TrackStatus(up, OptionalInt.empty(),
                count + (count == 1 ? " process" : " processes") + " running, quorum " + s.range(), Instant.now());
        status = next;
        for (Consumer<TrackStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                // one broken listener must not stop the others
            }
        }
    }

    private Future<?> schedule(Runnable task, long nanos) {
        try {
            return scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void submit(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }
}
