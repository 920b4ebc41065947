package dev.vigil.tracker.process.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

/**
 * One {@code vrrp_track_process}: a {@link Tracker} service with
 * {@code vigil.tracker.kind=process} and the configuration's properties (name, weight,
 * reverse...). A modified configuration is applied in place.
 */
@Component(configurationPid = ProcessTrackerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = Tracker.KIND_PROPERTY + "=" + ProcessTrackerComponent.KIND)
@Designate(ocd = ProcessTrackerConfig.class, factory = true)
public class ProcessTrackerComponent implements Tracker {

    static final String FACTORY_PID = "vigil.tracker.process";
    static final String KIND = "process";

    private final ProcessCheck check;
    private final Logger log;

    @Activate
    public ProcessTrackerComponent(ProcessTrackerConfig config, Map<String, Object> properties,
            @Reference ProcessRuntime runtime, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.check = new ProcessCheck(settings(config, properties, log), runtime.scheduler(), runtime.table(), log::info);
        check.start();
    }

    @Modified
    void modified(ProcessTrackerConfig config, Map<String, Object> properties) {
        check.update(settings(config, properties, log));
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

    static ProcessCheck.Settings settings(ProcessTrackerConfig c, Map<String, Object> properties, Logger log) {
        String name = c.vigil_tracker_name() == null ? "?" : c.vigil_tracker_name();
        String where = c.vigil_config_origin().isBlank() ? "" : " (" + c.vigil_config_origin() + ")";
        String process = c.processName() == null ? "" : c.processName().trim();
        List<String> parameters = parameters(properties.get("parameters"));
        ProcessMatcher.Mode mode;
        try {
            mode = ProcessMatcher.mode(c.paramMatch());
        } catch (IllegalArgumentException e) {
            if (log != null) {
                log.warn("vrrp_track_process {}{}: {} - using exact", name, where, e.getMessage());
            }
            mode = ProcessMatcher.Mode.EXACT;
        }
        ProcessMatcher matcher = new ProcessMatcher(process, parameters, mode, c.fullCommand());
        if (log != null) {
            if (process.isEmpty()) {
                log.error("vrrp_track_process {}{}: no process name; it never has a quorum of 1", name, where);
            } else if (!matcher.fullCommand() && process.length() > ProcessMatcher.COMM_LENGTH) {
                log.warn("vrrp_track_process {}{}: process name '{}' is longer than the {} characters the kernel keeps"
                        + " for a process name and never matches; use full_command or parameters",
                        name, where, process, ProcessMatcher.COMM_LENGTH);
            }
        }
        long delay = TimeUnit.MILLISECONDS.toNanos(Math.max(0, c.delayMillis()));
        long fork = c.forkDelayMillis() >= 0 ? TimeUnit.MILLISECONDS.toNanos(c.forkDelayMillis()) : delay;
        long terminate = c.terminateDelayMillis() >= 0 ? TimeUnit.MILLISECONDS.toNanos(c.terminateDelayMillis()) : delay;
        return new ProcessCheck.Settings(name, matcher, c.quorum(), c.quorumMax(), fork, terminate,
                TimeUnit.MILLISECONDS.toNanos(Math.max(10, c.intervalMillis())));
    }

    /** null: any parameters; a String is split at blanks; an array or collection is taken as is. */
    static List<String> parameters(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
        }
        if (raw instanceof String[] a) {
            return a.length == 1 && a[0].contains(" ") ? parameters(a[0]) : List.of(a);
        }
        if (raw instanceof Collection<?> c) {
            List<String> words = new ArrayList<>();
            c.forEach(o -> words.add(String.valueOf(o)));
            return words;
        }
        return parameters(String.valueOf(raw));
    }
}
