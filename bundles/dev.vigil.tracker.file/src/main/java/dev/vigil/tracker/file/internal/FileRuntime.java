package dev.vigil.tracker.file.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * What every file tracker of this bundle shares: one scheduler thread where all reads happen, and
 * one {@link WatchService} (inotify on Linux) whose thread only hands change notices to it. A
 * directory is watched while at least one tracked file lives in it.
 */
@Component(service = FileRuntime.class)
public class FileRuntime {

    private final ScheduledThreadPoolExecutor scheduler;
    private final Object lock = new Object();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    /** Per directory: the listeners by file name. */
    private final Map<Path, List<Registration>> registrations = new HashMap<>();
    private WatchService watcher;
    private Thread watcherThread;
    private volatile boolean closed;

    /** One tracked file's registration; {@code onChange} runs on the scheduler thread. */
    final class Registration implements AutoCloseable {
        final Path dir;
        final Path fileName;
        final Runnable onChange;

        Registration(Path dir, Path fileName, Runnable onChange) {
            this.dir = dir;
            this.fileName = fileName;
            this.onChange = onChange;
        }

        @Override
        public void close() {
            unregister(this);
        }
    }

    public FileRuntime() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vigil-tracker-file");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Watches {@code file}'s directory for it being written, created, moved or deleted.
     *
     * @throws IOException when the directory cannot be watched (e.g. it does not exist)
     */
    Registration watch(Path file, Runnable onChange) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        Registration r = new Registration(dir, abs.getFileName(), onChange);
        synchronized (lock) {
            if (closed) {
                throw new IOException("file tracker runtime stopped");
            }
            if (watcher == null) {
                watcher = FileSystems.getDefault().newWatchService();
                WatchService w = watcher;
                watcherThread = new Thread(() -> dispatch(w), "vigil-tracker-file-watch");
                watcherThread.setDaemon(true);
                watcherThread.start();
            }
            WatchKey key = keys.get(dir);
            if (key == null || !key.isValid()) {
                key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                keys.put(dir, key);
                dirs.put(key, dir);
            }
            registrations.computeIfAbsent(dir, d -> new ArrayList<>()).add(r);
        }
        return r;
    }

    private void unregister(Registration r) {
        synchronized (lock) {
            List<Registration> list = registrations.get(r.dir);
            if (list == null || !list.remove(r)) {
                return;
            }
            if (list.isEmpty()) {
                registrations.remove(r.dir);
                WatchKey key = keys.remove(r.dir);
                if (key != null) {
                    dirs.remove(key);
                    key.cancel();
                }
            }
        }
    }

    /** The watch thread: every event for a registered name becomes a task on the scheduler. */
    private void dispatch(WatchService w) {
        while (true) {
            WatchKey key;
            try {
                key = w.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            List<Runnable> notify = new ArrayList<>();
            synchronized (lock) {
                Path dir = dirs.get(key);
                List<Registration> list = dir == null ? List.of() : registrations.getOrDefault(dir, List.of());
                for (WatchEvent<?> event : key.pollEvents()) {
                    Object context = event.context();
                    for (Registration r : list) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW || r.fileName.equals(context)) {
                            notify.add(r.onChange);
                        }
                    }
                }
                if (!key.reset() && dir != null) {
                    // the directory went away: the trackers' periodic re-reads take over and re-register
                    keys.remove(dir);
                    dirs.remove(key);
                }
            }
            for (Runnable n : notify) {
                try {
                    scheduler.execute(n);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    return;
                }
            }
        }
    }

    /** Whether {@code r}'s directory is still watched (it may have been deleted). */
    boolean watched(Registration r) {
        synchronized (lock) {
            WatchKey key = keys.get(r.dir);
            return key != null && key.isValid() && registrations.getOrDefault(r.dir, List.of()).contains(r);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Thread t;
        synchronized (lock) {
            closed = true;
            if (watcher != null) {
                try {
                    watcher.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            t = watcherThread;
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        if (t != null) {
            t.join(2000);
        }
    }
}
