package dev.vigil.tracker.process.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** The one thread every process tracker of this bundle polls /proc on. */
@Component(service = ProcessRuntime.class)
public class ProcessRuntime {

    private final ScheduledThreadPoolExecutor scheduler;
    private final ProcTable table = new ProcTable();

    public ProcessRuntime() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vigil-tracker-process");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ProcTable table() {
        return table;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
    }
}
