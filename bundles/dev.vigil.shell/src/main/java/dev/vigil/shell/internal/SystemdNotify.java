package dev.vigil.shell.internal;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;

/**
 * systemd {@code Type=notify}: when {@code $NOTIFY_SOCKET} is set, sends {@code READY=1} once
 * every VRRP instance has entered its first state (BACKUP, MASTER or FAULT), or after
 * {@code vigil.systemd.ready.timeout} seconds (default 20) with a STATUS naming the instances
 * still in INIT, so a missing interface never fails the start; {@code STOPPING=1} on the way out.
 */
@Component(service = {}, immediate = true)
public class SystemdNotify {

    private final Routers routers;
    private final Logger log;
    private final UnixDatagram socket;
    private final ScheduledExecutorService timer;
    private final long deadline;
    private ScheduledFuture<?> poll;
    private boolean ready;

    @Activate
    public SystemdNotify(BundleContext context, @Reference Routers routers,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.routers = routers;
        this.log = log;
        String path = System.getenv("NOTIFY_SOCKET");
        if (path == null || path.isBlank()) {
            socket = null;
            timer = null;
            deadline = 0;
            return;
        }
        UnixDatagram s = null;
        try {
            s = new UnixDatagram(path);
        } catch (Exception | LinkageError e) {
            log.warn("cannot reach systemd's notification socket {}: {}", path, e.toString());
        }
        socket = s;
        long timeoutSeconds = 20;
        String t = context.getProperty("vigil.systemd.ready.timeout");
        if (t != null && !t.isBlank()) {
            timeoutSeconds = Long.parseLong(t.strip());
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "vigil-systemd");
            th.setDaemon(true);
            return th;
        });
        if (socket != null) {
            poll = timer.scheduleWithFixedDelay(this::check, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void check() {
        if (ready) {
            return;
        }
        List<VrrpRouter> all = routers.all();
        List<String> waiting = all.stream().filter(r -> r.state() == VrrpState.INIT).map(VrrpRouter::name).toList();
        boolean late = System.nanoTime() > deadline;
        if (!all.isEmpty() && waiting.isEmpty() || late) {
            String status = readiness(all, waiting);
            ready = socket.send("READY=1\nSTATUS=" + status + "\nMAINPID=" + ProcessHandle.current().pid());
            log.info("Told systemd: ready ({})", status);
            poll.cancel(false);
        }
    }

    static String readiness(List<VrrpRouter> all, List<String> waiting) {
        if (all.isEmpty()) {
            return "no VRRP instances";
        }
        long masters = all.stream().filter(r -> r.state() == VrrpState.MASTER).count();
        String s = all.size() + " VRRP instance(s), " + masters + " MASTER";
        return waiting.isEmpty() ? s : s + "; still starting: " + String.join(", ", waiting);
    }

    @Deactivate
    void deactivate() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        if (socket != null) {
            socket.send("STOPPING=1");
            socket.close();
        }
    }
}
