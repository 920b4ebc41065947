package dev.vigil.notify.smtp.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notifier;
import dev.vigil.api.notify.NotifyState;

/**
 * keepalived's smtp_alert: a {@link Notifier} that mails each state change in its scope to the
 * notification_email recipients through smtp_server. Which instances and groups are in scope is
 * the configuration's {@code vigil.notify.scope}, applied by the dispatcher. A modified
 * configuration applies from the next alert on; the service stays registered.
 */
@Component(configurationPid = SmtpNotifierComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = SmtpNotifierConfig.class, factory = true)
public class SmtpNotifierComponent implements Notifier {

    static final String FACTORY_PID = "vigil.notify.smtp";

    /** Either a sender or why the configuration has none. */
    private record Target(SmtpAlertSender sender, String configurationError, boolean noEmailFaults) {
    }

    private final Logger log;
    private final ScheduledThreadPoolExecutor timers;
    private volatile Target target;
    /** The state last mailed per instance or group ({@link Notification#key()}); worker thread only. */
    private final Map<String, NotifyState> lastMailed = new HashMap<>();
    /** The sender of the alert under way, kept apart from target: a modification does not end it. */
    private volatile SmtpAlertSender sending;

    @Activate
    public SmtpNotifierComponent(SmtpNotifierConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vigil-smtp-deadline");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.target = target(config);
    }

    @Modified
    void modified(SmtpNotifierConfig config) {
        target = target(config);
    }

    @Deactivate
    void deactivate() {
        // First refuse new alerts, then end the one under way: its server may hold it for minutes.
        timers.shutdownNow();
        SmtpAlertSender s = sending;
        if (s != null) {
            s.abort();
        }
    }

    @Override
    public void deliver(Notification n) throws Exception {
        Target t = target;
        if (t.sender() == null) {
            throw new IllegalStateException("no SMTP alert for " + n + ": " + t.configurationError());
        }
        Optional<KeepalivedAlert> alert = KeepalivedAlert.of(n, routerId(t.sender().settings(), n));
        if (alert.isEmpty()) {
            log.debug("no SMTP alert for {}: keepalived mails none for {}", n, n.to());
            return;
        }
        // no_email_faults, as keepalived: no mail for FAULT, and so none for returning to the state last mailed
        if (t.noEmailFaults() && (n.to() == NotifyState.FAULT || n.to() == lastMailed.get(n.key()))) {
            log.debug("no SMTP alert for {}: no_email_faults", n);
            return;
        }
        if (timers.isShutdown()) {
            throw new IllegalStateException("no SMTP alert for " + n + ": the notifier has stopped");
        }
        sending = t.sender();
        try {
            t.sender().send(alert.get(), n.at());
            lastMailed.put(n.key(), n.to());
        } finally {
            sending = null;
        }
    }

    /** global_defs router_id as configured, else as the daemon reports it, else keepalived's default. */
    static String routerId(SmtpSettings settings, Notification n) {
        if (!settings.routerId().isEmpty()) {
            return settings.routerId();
        }
        return n.routerId().isEmpty() ? HostName.get() : n.routerId();
    }

    private Target target(SmtpNotifierConfig config) {
        try {
            SmtpSettings settings = SmtpSettings.of(config, HostName.get(), System.getProperty("user.name", "root"));
            return new Target(new SmtpAlertSender(settings, timers, log), null, config.noEmailFaults());
        } catch (IllegalArgumentException e) {
            String origin = config.vigil_config_origin().isEmpty() ? "" : " (" + config.vigil_config_origin() + ")";
            String why = "SMTP alert configuration error" + origin + ": " + e.getMessage();
            log.error("{}; no alert will be mailed", why);
            return new Target(null, why, false);
        }
    }
}
