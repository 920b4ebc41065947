package dev.vigil.vrrp.engine;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real {@link Scheduler}: one daemon thread named {@code vigil-vrrp}. A task that throws is
 * reported to the error handler and the loop goes on.
 */
public final class EventLoop implements Scheduler, AutoCloseable {

    public static final String THREAD_NAME = "vigil-vrrp";

    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<Throwable> errorHandler;
    private volatile Thread loopThread;

    /**
     * @param threadName the loop thread's name
     * @param errorHandler told of every exception a task throws (on the loop thread)
     */
    public EventLoop(String threadName, Consumer<Throwable> errorHandler) {
        Objects.requireNonNull(threadName, "threadName");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.prestartAllCoreThreads();
    }

    /** A loop named {@value #THREAD_NAME} whose task failures go to standard error. */
    public EventLoop() {
        this(THREAD_NAME);
    }

    /** A loop whose task failures go to standard error (tests, tools). */
    public EventLoop(String threadName) {
        this(threadName, failure -> {
            System.err.println("uncaught exception on " + threadName + ":");
            failure.printStackTrace();
        });
    }

    public EventLoop(Consumer<Throwable> errorHandler) {
        this(THREAD_NAME, errorHandler);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        try {
            ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            return Cancellable.NONE; // closing: timers no longer matter
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException closed) {
            // closing: late packets and events are dropped
        }
    }

    /** Whether the caller is the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /**
     * Runs {@code task} on the loop and waits for it (for lifecycle calls from other threads); runs
     * it directly when called on the loop. Its exception is rethrown to the caller.
     */
    public <T> T call(Callable<T> task) throws Exception {
        if (inLoop()) {
            return task.call();
        }
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("event loop is closed", e);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // lifecycle calls must finish: the loop holds the state
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #call} for a task without a result; unchecked exceptions pass through as they are. */
    public void run(Runnable task) {
        try {
            call(() -> {
                task.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the loop: pending timers are dropped, a running task finishes (waits up to 5 s). */
    @Override
    public void close() {
        executor.shutdown();
        if (!inLoop()) {
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdownNow();
    }

    private Runnable guarded(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                errorHandler.accept(t);
            }
        };
    }
}
