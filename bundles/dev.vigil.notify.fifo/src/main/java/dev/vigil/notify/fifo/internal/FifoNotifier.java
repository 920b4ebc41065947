package dev.vigil.notify.fifo.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notifier;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.script.support.CommandLine;
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.ScriptUser;

/**
 * A {@code notify_fifo} / {@code vrrp_notify_fifo}: a {@link Notifier} writing one line per
 * notification into a FIFO ({@link FifoLine}, keepalived's format), in the order the dispatcher
 * delivers them. On activation, as keepalived: the FIFO is created if absent ({@link Fifo}), the
 * notify_fifo_script is started with the FIFO's path appended, then the FIFO is opened. On
 * deactivation the FIFO is removed if it was created here and closed, and the script's session
 * ended. The script is started from this notifier's own thread, which lives as long as the
 * notifier: its parent-death signal (setpriv --pdeathsig) follows the thread that started it,
 * and an activating thread may end at any time.
 *
 * <p>A FIFO that cannot be used (not a FIFO we own, cannot be created) is logged once, in
 * keepalived's words; each delivery then fails (counted by the dispatcher). A line that finds
 * the pipe full for {@link Fifo#WRITE_TIMEOUT_MILLIS} (nothing reading) is dropped and its
 * delivery fails: the worker never hangs on a FIFO. A changed configuration reactivates the
 * component; the dispatcher keeps the queue across that by name.
 */
@Component(configurationPid = FifoNotifier.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Notifier.class,
        // keepalived writes every kind of line into its FIFOs
        property = {Notifier.EVENTS_PROPERTY + "=STATE", Notifier.EVENTS_PROPERTY + "=MASTER_RX_LOWER_PRI",
                Notifier.EVENTS_PROPERTY + "=PRIORITY"})
@Designate(ocd = NotifyFifoConfig.class, factory = true)
public class FifoNotifier implements Notifier {

    static final String FACTORY_PID = "vigil.notify.fifo";

    /** Probing the host's setsid/setpriv once. */
    private static final class Host {
        static final ScriptLauncher.Tools TOOLS = ScriptLauncher.Tools.detect();
    }

    private final Logger log;
    private final Path path;
    private final String type;
    /** Starts the script and times out stalled writes; lives as long as this notifier. */
    private final ScheduledThreadPoolExecutor thread;
    private final Fifo fifo;
    private final FifoScript script;

    @Activate
    public FifoNotifier(NotifyFifoConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this(config, log, Host.TOOLS, Fifo.WRITE_TIMEOUT_MILLIS);
    }

    FifoNotifier(NotifyFifoConfig config, Logger log, ScriptLauncher.Tools tools, long writeTimeoutMillis) {
        this.log = log;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vigil-notify-fifo");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        String name = config.vigil_notify_name() == null ? "" : config.vigil_notify_name();
        // keepalived's messages say "vrrp notify fifo" for vrrp_notify_fifo and "notify fifo" for notify_fifo
        this.type = name.endsWith("vrrp_notify_fifo") ? "vrrp " : "";
        this.path = config.path() == null || config.path().isBlank() ? null : Path.of(config.path());
        ScriptUser.Resolution who = path == null ? null : owner(config, tools);
        boolean usable = who != null;
        boolean created = false;
        if (path == null) {
            log.error("{}notify fifo{}: no path configured", type, origin(config));
        } else if (usable) {
            try {
                created = Fifo.create(path, type, chownTo(who.runAs(), tools), log::warn);
            } catch (IOException e) {
                log.error("{}{}", e.getMessage(), origin(config));
                usable = false;
            }
        }
        this.script = usable ? onOwnThread(() -> startScript(config, who.runAs(), tools)) : null;
        Fifo opened = null;
        if (usable) {
            try {
                opened = Fifo.open(path, type, who.runAs().uid(), created, writeTimeoutMillis, thread);
            } catch (IOException e) {
                log.error("{}{}", e.getMessage(), origin(config));
            }
        }
        this.fifo = opened;
    }

    @Override
    public void deliver(Notification n) throws IOException {
        if (n.event() == Notification.Event.STATE && n.to() == NotifyState.INIT) {
            return;
        }
        if (fifo == null) {
            throw new IOException(type + "notify fifo " + path + " is not in use (see the log at its activation)");
        }
        fifo.write(FifoLine.of(n));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (script != null) {
            script.expectEnd();
        }
        if (fifo != null) {
            fifo.close();
        }
        try {
            if (script != null && !script.stop()) {
                log.warn("{}notify fifo script (PID {}) failed to terminate after kill", type, script.pid());
            }
        } finally {
            thread.shutdownNow();
        }
    }

    private FifoScript onOwnThread(Callable<FifoScript> start) {
        try {
            return thread.submit(start).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.error("{}notify_fifo_script not started: {}", type, String.valueOf(e.getCause()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Who owns the FIFO and runs its script: as keepalived, the configured user, else the default
     * script user; null (logged, FIFO not used) when that cannot be settled.
     */
    private ScriptUser.Resolution owner(NotifyFifoConfig c, ScriptLauncher.Tools tools) {
        ScriptUser.Resolution who = ScriptUser.resolve(c.user(), c.group(), c.script(), c.enableScriptSecurity(),
                tools);
        if (who.refusal() == null) {
            return who;
        }
        boolean named = c.user() != null && !c.user().isBlank();
        log.error("{} for {}notify fifo {} - ignoring{}", named ? "Invalid user/group" : "Failed to set default user",
                type, path, origin(c));
        return null;
    }

    /** The owner to give a FIFO we create: none when it is ourselves. */
    private static int[] chownTo(ScriptLauncher.RunAs runAs, ScriptLauncher.Tools tools) {
        return runAs.uid() == tools.uid() && runAs.gid() == tools.gid() ? null : new int[] {runAs.uid(), runAs.gid()};
    }

    /** keepalived starts the script before it opens the FIFO; a script that cannot run is logged and skipped. */
    private FifoScript startScript(NotifyFifoConfig c, ScriptLauncher.RunAs runAs, ScriptLauncher.Tools tools) {
        List<String> argv = new ArrayList<>(CommandLine.argv(c.scriptArgv(), c.script()));
        if (argv.isEmpty()) {
            return null;
        }
        argv.add(path.toString());
        ScriptLauncher launcher = new ScriptLauncher(tools);
        ScriptLauncher.Prepared prepared = launcher.prepare(argv, runAs, c.enableScriptSecurity());
        if (prepared instanceof ScriptLauncher.Refused refused) {
            log.error("{}notify_fifo_script{}: {} - not run", type, origin(c), refused.reason());
            return null;
        }
        ScriptLauncher.Command command = (ScriptLauncher.Command) prepared;
        if (command.warning() != null) {
            log.warn("{}.", command.warning());
            log.warn("SECURITY VIOLATION - scripts are being executed but script_security not enabled. "
                    + "There are insecure scripts.");
        }
        try {
            return FifoScript.start(launcher, command,
                    // keepalived's VRRP process says this for notify_fifo and vrrp_notify_fifo alike
                    () -> log.info("vrrp notify fifo script terminated"));
        } catch (IOException e) {
            log.error("Error exec-ing command '{}': {}", command.resolved(), e.getMessage());
            return null;
        }
    }

    private static String origin(NotifyFifoConfig c) {
        String o = c.vigil_config_origin();
        return o == null || o.isBlank() ? "" : " (" + o + ")";
    }
}
