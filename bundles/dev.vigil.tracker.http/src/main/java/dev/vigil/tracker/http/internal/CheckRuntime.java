package dev.vigil.tracker.http.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * What every HTTP tracker of this bundle shares: one scheduler of two daemon threads (ticks and
 * response callbacks) and the HTTP clients. Stopping the bundle stops the threads.
 */
@Component(service = CheckRuntime.class)
public class CheckRuntime {

    static final int THREADS = 2;

    private final ScheduledThreadPoolExecutor scheduler;
    private final HttpClients clients;

    public CheckRuntime() {
        AtomicInteger n = new AtomicInteger();
        scheduler = new ScheduledThreadPoolExecutor(THREADS, r -> {
            Thread t = new Thread(r, "vigil-http-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        clients = new HttpClients(scheduler);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    HttpClients clients() {
        return clients;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        clients.clear();
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
    }
}
