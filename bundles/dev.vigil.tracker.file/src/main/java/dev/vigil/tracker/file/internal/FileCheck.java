package dev.vigil.tracker.file.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.vigil.api.track.TrackStatus;

/**
 * One {@code track_file}: the integer in a file, as a value {@link TrackStatus} (the instances
 * multiply it by their weight). The file is read at start, whenever the kernel says it was
 * written, created, moved or deleted (inotify through the shared {@link FileRuntime}; a burst
 * of notices is read once, {@link #SETTLE_NANOS} after the first, so a file being rewritten is
 * not read half-written), and every interval as a safety net. A missing file reads 0, as in
 * keepalived; a number that is out of range is logged and ignored.
 */
final class FileCheck implements AutoCloseable {

    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    record Settings(String name, Path file, long intervalNanos) {
        Settings {
            Objects.requireNonNull(name, "name");
            file = file.toAbsolutePath().normalize();
            intervalNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), intervalNanos);
        }
    }

    interface Log {
        void info(String message);

        void warn(String message);
    }

    private final FileRuntime runtime;
    private final Log log;
    private final List<Consumer<TrackStatus>> listeners = new CopyOnWriteArrayList<>();

    // scheduler thread only
    private Settings settings;
    private FileRuntime.Registration registration;
    private Future<?> periodic;
    private Future<?> settling;
    private boolean closed;
    private boolean watchProblemLogged;
    private String lastInvalid;

    private volatile TrackStatus status = TrackStatus.PENDING;

    FileCheck(Settings settings, FileRuntime runtime, Log log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.log = Objects.requireNonNull(log, "log");
    }

    void start() {
        submit(() -> {
            watch();
            read();
            periodic = schedule(this::tick, settings.intervalNanos());
        });
    }

    void update(Settings next) {
        submit(() -> {
            boolean moved = !next.file().equals(settings.file());
            settings = next;
            if (moved) {
                unwatch();
                watchProblemLogged = false;
                watch();
            }
            if (periodic != null) {
                periodic.cancel(false);
            }
            read();
            periodic = schedule(this::tick, next.intervalNanos());
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
            runtime.scheduler().submit(() -> {
                closed = true;
                unwatch();
                if (periodic != null) {
                    periodic.cancel(false);
                }
                if (settling != null) {
                    settling.cancel(false);
                }
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // runtime stopped: nothing left to cancel
        }
    }

    // ------------------------------------------------------------------ scheduler thread

    private void tick() {
        if (closed) {
            return;
        }
        periodic = schedule(this::tick, settings.intervalNanos());
        if (registration == null || !runtime.watched(registration)) {
            unwatch();
            watch();
        }
        read();
    }

    /** A change notice: read once things settle. */
    private void changed() {
        if (closed || settling != null) {
            return;
        }
        settling = schedule(() -> {
            settling = null;
            if (!closed) {
                read();
            }
        }, SETTLE_NANOS);
    }

    private void watch() {
        try {
            registration = runtime.watch(settings.file(), this::changed);
            if (watchProblemLogged) {
                log.info("Track file " + settings.name() + ": watching " + settings.file().getParent() + " again");
                watchProblemLogged = false;
            }
        } catch (IOException | RuntimeException e) {
            registration = null;
            if (!watchProblemLogged) {
                watchProblemLogged = true;
                log.warn("Track file " + settings.name() + ": cannot watch " + settings.file().getParent() + " ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); reading it every "
                        + TimeUnit.NANOSECONDS.toMillis(settings.intervalNanos()) + " ms");
            }
        }
    }

    private void unwatch() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    private void read() {
        Settings s = settings;
        FileValue.Reading r = FileValue.read(s.file());
        if (!r.valid()) {
            String what = "Invalid number " + (r.value() == Long.MAX_VALUE ? "(overflow)" : Long.toString(r.value()))
                    + " read from " + s.file() + " - ignoring";
            if (!what.equals(lastInvalid)) {
                lastInvalid = what;
                log.warn(what);
            }
            return;
        }
        lastInvalid = null;
        int value = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r.value()));
        TrackStatus now = status;
        if (now.value().isPresent() && now.value().getAsInt() == value) {
            return;
        }
        TrackStatus next = new TrackStatus(true, OptionalInt.of(value), s.file() + " " + r.detail(), Instant.now());
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
            return runtime.scheduler().schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void submit(Runnable task) {
        try {
            runtime.scheduler().execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }
}
