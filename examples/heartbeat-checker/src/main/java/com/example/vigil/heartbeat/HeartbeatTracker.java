package com.example.vigil.heartbeat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.api.track.Tracker;

/**
 * A checker of kind {@code heartbeat}, configured in keepalived.conf as
 * <pre>
 * vrrp_track_plugin chk_app {
 *     kind heartbeat
 *     interval 2
 *     fall 2
 *     weight -20
 *     param file /run/myapp/heartbeat
 *     param max_age 10
 *     param contains OK
 * }
 * </pre>
 * Vigil writes that block as a ConfigAdmin factory configuration of PID
 * {@code vigil.tracker.heartbeat}: the common properties ({@code vigil.tracker.name},
 * {@code intervalMillis}, {@code rise}, {@code fall}, {@code weight}...) and each {@code param}
 * as a String property. One component instance per configured tracker; the service it registers
 * carries every configuration property (DS copies them), to which we add the kind.
 */
@Component(configurationPid = HeartbeatTracker.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = Tracker.KIND_PROPERTY + "=" + HeartbeatTracker.KIND)
public class HeartbeatTracker implements Tracker {

    static final String KIND = "heartbeat";
    static final String PID = "vigil.tracker." + KIND;

    private final List<Consumer<TrackStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final HeartbeatProbe probe;
    private final int rise;
    private final int fall;
    private volatile TrackStatus status = TrackStatus.PENDING;
    private boolean first = true;
    private int streak;

    @Activate
    public HeartbeatTracker(Map<String, Object> config) {
        String name = String.valueOf(config.getOrDefault(Tracker.NAME_PROPERTY, "?"));
        Object file = config.get("file");
        this.probe = file == null ? null
                : new HeartbeatProbe(Path.of(file.toString()), Duration.ofMillis(seconds(config.get("max_age"), 10)),
                        (String) config.get("contains"));
        this.rise = Math.max(1, integer(config.get("rise"), 1));
        this.fall = Math.max(1, integer(config.get("fall"), 1));
        long interval = Math.max(100, integer(config.get("intervalMillis"), 1000));
        // one small thread per configured check: enough for an example; the checks only stat a file
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::run, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void run() {
        HeartbeatProbe.Result r = probe == null ? new HeartbeatProbe.Result(false, "param file is missing")
                : probe.check(Instant.now());
        TrackStatus old = status;
        boolean change;
        if (first) {
            first = false;
            change = true;
        } else if (r.healthy() == old.up()) {
            streak = 0;
            change = false;
        } else {
            streak++;
            change = streak >= (r.healthy() ? rise : fall);
        }
        if (change) {
            streak = 0;
            TrackStatus now = new TrackStatus(r.healthy(), OptionalInt.empty(), r.detail(), Instant.now());
            status = now;
            for (Consumer<TrackStatus> l : listeners) {
                try {
                    l.accept(now);
                } catch (RuntimeException e) {
                    // one broken listener must not stop the checks
                }
            }
        }
    }

    @Override
    public TrackStatus status() {
        return status;
    }

    @Override
    public AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** keepalived-style seconds with decimals ("10", "0.5"), as a param arrives: a String. */
    static long seconds(Object value, long dflt) {
        if (value == null) {
            return dflt * 1000;
        }
        return Math.round(Double.parseDouble(value.toString().trim()) * 1000);
    }

    static int integer(Object value, int dflt) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        return value == null ? dflt : Integer.parseInt(value.toString().trim());
    }
}
