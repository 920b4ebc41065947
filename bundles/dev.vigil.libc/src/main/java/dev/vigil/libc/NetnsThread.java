package dev.vigil.libc;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A dedicated thread living in another network namespace (setns(2) on a file such as
 * {@code /var/run/netns/NAME}). Sockets created by tasks run here belong to that namespace for
 * their whole life, and threads started from here start in it too. For tests and tools; the
 * daemon itself runs in one namespace (`ip netns exec`).
 */
public final class NetnsThread implements AutoCloseable {

    private final ExecutorService executor;
    private final String name;

    private NetnsThread(ExecutorService executor, String name) {
        this.executor = executor;
        this.name = name;
    }

    /** Starts the thread and moves it into the namespace; throws if that fails. */
    public static NetnsThread enter(Path namespaceFile) throws NativeException {
        String name = "vigil-netns-" + namespaceFile.getFileName();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        NetnsThread thread = new NetnsThread(executor, name);
        try {
            thread.call(() -> {
                LibC libc = LibC.get();
                int fd = libc.open(namespaceFile.toString(), Linux.O_RDONLY | Linux.O_CLOEXEC);
                try {
                    libc.setns(fd, Linux.CLONE_NEWNET);
                } finally {
                    libc.close(fd);
                }
                return null;
            });
        } catch (NativeException e) {
            executor.shutdownNow();
            throw e;
        } catch (Exception e) {
            executor.shutdownNow();
            throw new IllegalStateException("cannot enter " + namespaceFile, e);
        }
        return thread;
    }

    /** Runs {@code task} on the namespace's thread and returns its result (its exception is rethrown as is). */
    public <T> T call(Callable<T> task) throws Exception {
        Future<T> f = executor.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Like {@link #call} for tasks that return nothing. */
    public void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A task that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Ends the thread (waits at most 5 s for a running task). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
