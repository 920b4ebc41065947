package dev.vigil.tracker.tcp.internal;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * What every TCP tracker of this bundle shares: one scheduler thread for the ticks and one
 * asynchronous channel group (one thread) for the connects. Stopping the bundle stops both.
 */
@Component(service = CheckRuntime.class)
public class CheckRuntime {

    private final ScheduledThreadPoolExecutor scheduler;
    private final AsynchronousChannelGroup group;

    public CheckRuntime() throws IOException {
        scheduler = new ScheduledThreadPoolExecutor(1, threads("vigil-tcp-check-"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        group = AsynchronousChannelGroup.withFixedThreadPool(1, threads("vigil-tcp-io-"));
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    AsynchronousChannelGroup group() {
        return group;
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        scheduler.shutdownNow();
        group.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        group.awaitTermination(2, TimeUnit.SECONDS);
    }
}
