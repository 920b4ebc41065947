package dev.vigil.notify.script.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.ScriptRunner;
import dev.vigil.script.support.ScriptUser;

/**
 * The notify scripts of one vrrp_instance or sync group: a {@link Notifier} that runs, for each
 * notification, the script of the new state and then the generic {@code notify} script, or for
 * a MASTER hearing a lower priority advert {@code notify_master_rx_lower_pri} (see
 * {@link NotifyPlan}), as the configured user, with keepalived's script security.
 *
 * <p>The lower priority adverts reach it only when its configuration asks for them
 * ({@code vigil.notify.events} with {@code MASTER_RX_LOWER_PRI}, which the keepalived.conf adapter
 * writes with {@code notify_master_rx_lower_pri}): an instance without that script queues none.
 *
 * <p>Unlike keepalived, which forks a notify script and moves on, each script is waited for
 * ({@code timeoutMillis}, default 30 s; past it the script's whole session gets SIGTERM, then
 * SIGKILL 2 s later) before the next one starts: the dispatcher calls {@link #deliver} one
 * notification at a time, so a notify_backup never overtakes the notify_master before it. A
 * STOP's scripts get at most 1 s and then SIGKILL, as keepalived gives them at shutdown.
 *
 * <p>Failures: a script that ran and exited non-zero is logged ("... exited with status N") and
 * the notification counts as delivered: the script had it (keepalived: script errors are not
 * the daemon's). A script that did not get the notification (refused by script security, not
 * found, not executable, its user unknown, not startable, or timed out) is logged in
 * keepalived's words, the remaining script still runs, and then {@link #deliver} throws a
 * {@link ScriptNotifyException}, so the dispatcher counts the notification as failed. A refusal
 * is logged once until the script can run again, not at every state change.
 */
@Component(configurationPid = ScriptNotifier.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Notifier.class)
@Designate(ocd = NotifyScriptConfig.class, factory = true)
public class ScriptNotifier implements Notifier {

    static final String FACTORY_PID = "vigil.notify.script";
    static final int DEFAULT_TIMEOUT_MILLIS = 30_000;
    /** keepalived runs STOP scripts with a 1 s timer, then kills their process group. */
    static final long STOP_TIMEOUT_MILLIS = 1000;
    /** keepalived's SIGTERM to SIGKILL on a script timeout. */
    static final long TERM_GRACE_MILLIS = 2000;

    /** A configuration as deliveries use it. */
    private record Settings(NotifyPlan plan, ScriptUser.Resolution who, boolean scriptSecurity,
            long timeoutMillis) {
    }

    /** Probing the host's setsid/setpriv once, whatever the number of instances. */
    private static final class Host {
        static final ScriptLauncher.Tools TOOLS = ScriptLauncher.Tools.detect();
    }

    private final ScriptRunner runner;
    private final Logger log;
    private volatile Settings settings;
    /** Per keyword, the refusal last logged: logged again only when it changes. */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Set<String> pathWarnings = ConcurrentHashMap.newKeySet();

    @Activate
    public ScriptNotifier(NotifyScriptConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this(config, log, Host.TOOLS);
    }

    ScriptNotifier(NotifyScriptConfig config, Logger log, ScriptLauncher.Tools tools) {
        this.log = log;
        this.runner = new ScriptRunner(new ScriptLauncher(tools));
        this.settings = settings(config);
    }

    @Modified
    void modified(NotifyScriptConfig config) {
        settings = settings(config);
        refusals.clear();
    }

    /** Ends a script in progress (its whole session); a delivery under way then fails. */
    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Override
    public void deliver(Notification n) throws ScriptNotifyException, InterruptedException {
        Settings s = settings;
        List<String> failures = new ArrayList<>();
        for (NotifyPlan.Step step : s.plan().steps(n)) {
            String failure = run(s, n, step);
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new ScriptNotifyException(String.join("; ", failures));
        }
    }

    /** Runs one script to its end; returns why it did not get the notification, or null. */
    private String run(Settings s, Notification n, NotifyPlan.Step step) throws InterruptedException {
        String who = "(" + n.name() + ") " + step.keyword();
        ScriptLauncher.Prepared prepared = s.who().runAs() == null
                ? new ScriptLauncher.Refused(s.who().refusal())
                : runner.launcher().prepare(step.argv(), s.who().runAs(), s.scriptSecurity());
        if (prepared instanceof ScriptLauncher.Refused refused) {
            if (!refused.reason().equals(refusals.put(step.keyword(), refused.reason()))) {
                log.warn("{}: {} - not run", who, refused.reason());
            }
            return step.keyword() + " not run: " + refused.reason();
        }
        if (refusals.remove(step.keyword()) != null) {
            log.info("{}: script can be run again", who);
        }
        ScriptLauncher.Command command = (ScriptLauncher.Command) prepared;
        warnOnce(step, command);
        boolean stop = n.to() == NotifyState.STOP;
        long timeout = stop ? Math.min(s.timeoutMillis(), STOP_TIMEOUT_MILLIS) : s.timeoutMillis();
        ScriptRunner.Outcome outcome;
        try {
            outcome = runner.run(command, timeout, stop ? 0 : TERM_GRACE_MILLIS);
        } catch (IOException e) {
            log.warn("{}: Error exec-ing command '{}': {}", who, command.resolved(), e.getMessage());
            return step.keyword() + " not started: " + e.getMessage();
        }
        switch (outcome.ending()) {
            case EXITED:
                if (outcome.exitStatus() != 0) {
                    log.info("{}: {} exited with status {}", who, command.resolved(), outcome.exitStatus());
                }
                return null;
            case TIMED_OUT:
                log.warn("{}: {} timed out", who, command.resolved());
                if (outcome.unkillable()) {
                    log.warn("{}: {} (PID {}) failed to terminate after kill", who, command.resolved(), outcome.pid());
                }
                return step.keyword() + " timed out after " + timeout + " ms";
            default:
                return step.keyword() + " stopped: the notifier is going away";
        }
    }

    /** keepalived's warnings about a script, once per script rather than once per run. */
    private void warnOnce(NotifyPlan.Step step, ScriptLauncher.Command command) {
        String written = step.argv().get(0);
        if (!command.resolved().equals(written) && pathWarnings.add(written + "\0" + command.resolved())) {
            log.info("WARNING - script `{}` resolved by path search to `{}`. Please specify full path.", written,
                    command.resolved());
        }
        if (command.warning() != null && pathWarnings.add(command.warning())) {
            log.warn("{}.", command.warning());
            log.warn("SECURITY VIOLATION - scripts are being executed but script_security not enabled. "
                    + "There are insecure scripts.");
        }
    }

    private Settings settings(NotifyScriptConfig c) {
        String name = c.vigil_notify_name() == null || c.vigil_notify_name().isBlank() ? "?" : c.vigil_notify_name();
        NotifyPlan plan = NotifyPlan.of(c);
        ScriptUser.Resolution who = ScriptUser.resolve(c.user(), c.group(), plan.firstScript(),
                c.enableScriptSecurity(), runner.launcher().tools());
        if (who.refusal() != null) {
            String origin = c.vigil_config_origin() == null || c.vigil_config_origin().isBlank() ? ""
                    : " (" + c.vigil_config_origin() + ")";
            log.error("notifier {}{}: {}; its scripts will not run", name, origin, who.refusal());
        }
        if (plan.runsForLowerPriorityAdverts()
                && !List.of(c.vigil_notify_events()).contains(Notification.Event.MASTER_RX_LOWER_PRI.name())) {
            log.warn("notifier {}: {} is configured but {} does not list {}: it will not run", name,
                    NotifyPlan.RX_LOWER_PRIORITY_KEYWORD, Notifier.EVENTS_PROPERTY,
                    Notification.Event.MASTER_RX_LOWER_PRI);
        }
        long timeout = c.timeoutMillis() > 0 ? c.timeoutMillis() : DEFAULT_TIMEOUT_MILLIS;
        return new Settings(plan, who, c.enableScriptSecurity(), timeout);
    }
}
