package dev.vigil.tracker.script.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
import dev.vigil.script.support.CommandLine;
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.ScriptUser;

/**
 * One {@code vrrp_script}: a {@link Tracker} service with {@code vigil.tracker.kind=script} and
 * the configuration's properties (name, weight, reverse...). It runs once per interval however
 * many instances track it. A modified configuration is applied in place: the service stays
 * registered and keeps its verdict.
 */
@Component(configurationPid = ScriptTrackerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = Tracker.KIND_PROPERTY + "=" + ScriptTrackerComponent.KIND)
@Designate(ocd = ScriptTrackerConfig.class, factory = true)
public class ScriptTrackerComponent implements Tracker {

    static final String FACTORY_PID = "vigil.tracker.script";
    static final String KIND = "script";

    private final ScriptCheck check;
    private final ScriptRuntime runtime;
    private final Logger log;

    @Activate
    public ScriptTrackerComponent(ScriptTrackerConfig config, @Reference ScriptRuntime runtime,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.runtime = runtime;
        this.log = log;
        this.check = new ScriptCheck(settings(config, runtime.launcher().tools(), log), runtime.scheduler(),
                runtime.launcher(), new ScriptCheck.Log() {
                    @Override
                    public void info(String message) {
                        log.info(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.warn(message);
                    }
                });
        check.start();
    }

    @Modified
    void modified(ScriptTrackerConfig config) {
        check.update(settings(config, runtime.launcher().tools(), log));
    }

    @Deactivate
    void deactivate() {
        check.close();
    }

    @Override
    public TrackStatus status() {
        return check.status();
    }

    @Override
    public AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        return check.subscribe(listener);
    }

    /** A configuration as the check runs it; what cannot be settled becomes a refusal (the script fails). */
    static ScriptCheck.Settings settings(ScriptTrackerConfig c, ScriptLauncher.Tools tools, Logger log) {
        String name = c.vigil_tracker_name() == null || c.vigil_tracker_name().isBlank() ? "?" : c.vigil_tracker_name();
        List<String> argv = CommandLine.argv(c.scriptArgv(), c.script());
        ScriptLauncher.RunAs runAs = null;
        String refusal;
        if (argv.isEmpty()) {
            refusal = "no script configured";
        } else {
            ScriptUser.Resolution who = ScriptUser.resolve(c.user(), c.group(), argv.get(0), c.enableScriptSecurity(),
                    tools);
            runAs = who.runAs();
            refusal = who.refusal();
        }
        if (refusal != null && log != null) {
            log.error("VRRP_Script({}){}: {}; it counts as failed", name, origin(c), refusal);
        }
        long interval = TimeUnit.MILLISECONDS.toNanos(Math.max(1, c.intervalMillis()));
        long timeout = c.timeoutMillis() > 0 ? TimeUnit.MILLISECONDS.toNanos(c.timeoutMillis()) : interval;
        return new ScriptCheck.Settings(name, argv, interval, timeout, c.rise(), c.fall(), c.initFail(), runAs,
                refusal, c.enableScriptSecurity(), ScriptCheck.DEFAULT_TERM_GRACE_NANOS);
    }

    private static String origin(ScriptTrackerConfig c) {
        String o = c.vigil_config_origin();
        return o == null || o.isBlank() ? "" : " (" + o + ")";
    }
}
