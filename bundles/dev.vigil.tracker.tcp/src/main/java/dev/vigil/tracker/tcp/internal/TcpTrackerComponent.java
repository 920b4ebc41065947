package dev.vigil.tracker.tcp.internal;

import dev.vigil.tracker.support.PeriodicCheck;
import dev.vigil.tracker.support.Outcome;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.api.track.Tracker;

/**
 * One {@code vrrp_track_tcp} check: a {@link Tracker} service with {@code vigil.tracker.kind=tcp}
 * and the configuration's properties. A modified configuration is applied in place.
 */
@Component(configurationPid = TcpTrackerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = Tracker.KIND_PROPERTY + "=" + TcpTrackerComponent.KIND)
@Designate(ocd = TcpTrackerConfig.class, factory = true)
public class TcpTrackerComponent implements Tracker {

    static final String FACTORY_PID = "vigil.tracker.tcp";
    static final String KIND = "tcp";
    static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    static final int DEADLINE_SLACK_MILLIS = 200;
    /** Address literals only: a name would need a blocking resolver lookup on every check. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%\\w+)?");

    private final Logger log;
    private final CheckRuntime runtime;
    private final PeriodicCheck check;
    private volatile String name;

    @Activate
    public TcpTrackerComponent(TcpTrackerConfig config, @Reference CheckRuntime runtime,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.runtime = runtime;
        this.name = config.vigil_tracker_name();
        this.check = new PeriodicCheck(runtime.scheduler(), plan(config, runtime, log), config.rise(), config.fall(),
                this::changed);
        check.start();
    }

    @Modified
    void modified(TcpTrackerConfig config) {
        name = config.vigil_tracker_name();
        check.replan(plan(config, runtime, log), config.rise(), config.fall());
    }

    @Deactivate
    void deactivate() {
        check.close();
    }

    private void changed(TrackStatus old, TrackStatus now) {
        log.info("VRRP_Track_TCP({}) {}: {}", name, now.up() ? "succeeded" : "failed", now.detail());
    }

    static PeriodicCheck.Plan plan(TcpTrackerConfig c, CheckRuntime runtime, Logger log) {
        long timeout = c.connectTimeoutMillis() > 0 ? c.connectTimeoutMillis()
                : c.timeoutMillis() > 0 ? c.timeoutMillis() : DEFAULT_TIMEOUT_MILLIS;
        try {
            InetSocketAddress target = new InetSocketAddress(literal(c.connectIp()), port(c.connectPort()));
            TcpProbe probe = new TcpProbe(runtime == null ? null : runtime.group(), target, timeout);
            return plan(probe, c.intervalMillis());
        } catch (IllegalArgumentException e) {
            String where = c.vigil_config_origin().isEmpty() ? "" : " (" + c.vigil_config_origin() + ")";
            String why = "configuration error" + where + ": " + e.getMessage();
            if (log != null) {
                log.error("VRRP_Track_TCP({}) {}; the tracker counts as failed", c.vigil_tracker_name(), why);
            }
            Outcome failed = Outcome.failed(why);
            return new PeriodicCheck.Plan(() -> CompletableFuture.completedFuture(failed), c.intervalMillis(),
                    DEADLINE_SLACK_MILLIS, t -> failed);
        }
    }

    /** The deadline of a connect is its timeout; the scheduler abandons it there. */
    static PeriodicCheck.Plan plan(TcpProbe probe, long intervalMillis) {
        return new PeriodicCheck.Plan(probe, intervalMillis, probe.connectTimeoutMillis(), probe::explain);
    }

    static InetAddress literal(String ip) {
        if (ip == null || ip.isBlank()) {
            throw new IllegalArgumentException("connect_ip is missing");
        }
        String s = ip.trim();
        if (!LITERAL.matcher(s).matches()) {
            throw new IllegalArgumentException("connect_ip " + s + " is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(s); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("connect_ip " + s + " is not an IPv4 or IPv6 address");
        }
    }

    static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("connect_port " + port + " is not a port (1-65535)");
        }
        return port;
    }

    @Override
    public TrackStatus status() {
        return check.status();
    }

    @Override
    public AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        return check.subscribe(listener);
    }
}
