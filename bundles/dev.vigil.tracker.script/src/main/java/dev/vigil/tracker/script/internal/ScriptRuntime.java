package dev.vigil.tracker.script.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.vigil.script.support.ScriptLauncher;

/**
 * What every script tracker of this bundle shares: one scheduler thread (a run's start, its
 * timeout and its end are events on it; nothing waits on a process) and the helpers found on
 * this host. Stopping the bundle stops the thread.
 */
@Component(service = ScriptRuntime.class)
public class ScriptRuntime {

    static final String THREAD_NAME = "vigil-tracker-script";

    private final ScheduledThreadPoolExecutor scheduler;
    private final ScriptLauncher launcher;

    @Activate
    public ScriptRuntime() {
        this(ScriptLauncher.Tools.detect());
    }

    ScriptRuntime(ScriptLauncher.Tools tools) {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        launcher = new ScriptLauncher(tools);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ScriptLauncher launcher() {
        return launcher;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
    }
}
