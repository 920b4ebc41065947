package dev.vigil.tracker.http.internal;

import dev.vigil.tracker.support.PeriodicCheck;
import dev.vigil.tracker.support.Outcome;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
 * One {@code vrrp_track_http} check: a {@link Tracker} service with {@code vigil.tracker.kind=http}
 * and the configuration's properties (name, weight, reverse...). A modified configuration is
 * applied in place: the service stays registered and keeps its status.
 */
@Component(configurationPid = HttpTrackerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        property = Tracker.KIND_PROPERTY + "=" + HttpTrackerComponent.KIND)
@Designate(ocd = HttpTrackerConfig.class, factory = true)
public class HttpTrackerComponent implements Tracker {

    static final String FACTORY_PID = "vigil.tracker.http";
    static final String KIND = "http";
    static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    /** Slack on top of connect + read timeout before a check is abandoned. */
    static final int DEADLINE_SLACK_MILLIS = 500;

    private final Logger log;
    private final CheckRuntime runtime;
    private final PeriodicCheck check;
    private volatile String name;

    @Activate
    public HttpTrackerComponent(HttpTrackerConfig config, @Reference CheckRuntime runtime,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.runtime = runtime;
        this.name = config.vigil_tracker_name();
        this.check = new PeriodicCheck(runtime.scheduler(), plan(config, runtime.clients(), log), config.rise(),
                config.fall(), this::changed);
        check.start();
    }

    @Modified
    void modified(HttpTrackerConfig config) {
        name = config.vigil_tracker_name();
        check.replan(plan(config, runtime.clients(), log), config.rise(), config.fall());
    }

    @Deactivate
    void deactivate() {
        check.close();
    }

    private void changed(TrackStatus old, TrackStatus now) {
        if (now.up()) {
            log.info("VRRP_Track_HTTP({}) succeeded: {}", name, now.detail());
        } else {
            log.info("VRRP_Track_HTTP({}) failed: {}", name, now.detail());
        }
    }

    /** The check a configuration asks for; a broken configuration is a check that always fails, saying why. */
    static PeriodicCheck.Plan plan(HttpTrackerConfig c, HttpClients clients, Logger log) {
        long connect = timeout(c.connectTimeoutMillis(), c.timeoutMillis());
        long read = timeout(c.readTimeoutMillis(), c.timeoutMillis());
        String where = c.vigil_config_origin().isEmpty() ? "" : " (" + c.vigil_config_origin() + ")";
        try {
            URI uri = parseUrl(c.url());
            Set<Integer> codes = new LinkedHashSet<>();
            for (int s : c.statusCodes()) {
                if (s < 100 || s > 599) {
                    throw new IllegalArgumentException("status_code " + s + " is not an HTTP status code");
                }
                codes.add(s);
            }
            if (codes.isEmpty()) {
                codes.add(200);
            }
            byte[] digest = c.digest() == null || c.digest().isBlank() ? null : HttpProbe.parseDigest(c.digest());
            if ("https".equals(uri.getScheme()) && !c.tlsVerify() && log != null) {
                log.warn("VRRP_Track_HTTP({}){}: tls_verify off: the certificate of {} is not verified",
                        c.vigil_tracker_name(), where, uri.getHost());
            }
            HttpProbe probe = new HttpProbe(clients.client(connect, c.tlsVerify()), uri, codes, digest,
                    Duration.ofMillis(read), connect);
            return new PeriodicCheck.Plan(probe, c.intervalMillis(), connect + read + DEADLINE_SLACK_MILLIS,
                    probe::explain);
        } catch (IllegalArgumentException e) {
            String why = "configuration error" + where + ": " + e.getMessage();
            if (log != null) {
                log.error("VRRP_Track_HTTP({}) {}; the tracker counts as failed", c.vigil_tracker_name(), why);
            }
            Outcome failed = Outcome.failed(why);
            return new PeriodicCheck.Plan(() -> CompletableFuture.completedFuture(failed), c.intervalMillis(),
                    DEADLINE_SLACK_MILLIS, t -> failed);
        }
    }

    static long timeout(int specific, int common) {
        if (specific > 0) {
            return specific;
        }
        return common > 0 ? common : DEFAULT_TIMEOUT_MILLIS;
    }

    static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is missing");
        }
        try {
            URI uri = new URI(url.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("url " + url + " is not http:// or https://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("url " + url + " has no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url " + url + " is not a URL: " + e.getReason());
        }
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
