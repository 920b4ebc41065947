package dev.vigil.daemon.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.config.keepalived.ConfigReloader;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP re-reads keepalived.conf, as keepalived does: the {@link ConfigReloader} applies a valid
 * file (only what changed is touched) and rejects a file with errors whole, logging each with
 * FILE:LINE, while everything keeps running. Reloads run one at a time off the signal thread; a
 * SIGHUP during a reload queues one more (keepalived queues it too), further ones coalesce.
 * {@code sun.misc} comes through boot delegation ({@code org.osgi.framework.bootdelegation=sun.*}):
 * the bundle imports nothing for it. Before this component is active, and after, the JVM's own
 * SIGHUP behaviour applies (shutdown, as for SIGTERM).
 */
@Component(immediate = true)
public class SighupReload {

    private static final Signal HUP = new Signal("HUP");

    private final ConfigReloader reloader;
    private final Logger log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final SignalHandler previous;

    @Activate
    public SighupReload(@Reference ConfigReloader reloader, @Reference(service = LoggerFactory.class) Logger log) {
        this.reloader = reloader;
        this.log = log;
        this.previous = Signal.handle(HUP, signal -> requestReload());
    }

    /** What SIGHUP does: one reload queued unless one is already waiting. */
    void requestReload() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(this::reload);
        }
    }

    private void reload() {
        queued.set(false);
        log.info("Reloading ...");
        long started = System.nanoTime();
        boolean applied;
        try {
            applied = reloader.reload();
        } catch (RuntimeException e) {
            log.error("Reload of {} failed: {}", reloader.configFile(), e.toString(), e);
            return;
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        if (applied) {
            log.info("Reload finished in {} usec", micros);
        } else {
            log.error("Reload failed: {} was not applied (see above); the running configuration is kept",
                    reloader.configFile());
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Signal.handle(HUP, previous);
        } catch (IllegalArgumentException e) {
            // the JVM is shutting down its signal handling: nothing to restore
        }
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
