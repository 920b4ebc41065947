package dev.vigil.tracker.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * One {@code track_file}: a {@link Tracker} service with {@code vigil.tracker.kind=file} whose
 * status carries the file's integer. Its own weight defaults to 1, as keepalived's does (a
 * configuration that gives a weight overrides the component property).
 */
@Component(configurationPid = FileTrackerComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = {Tracker.KIND_PROPERTY + "=" + FileTrackerComponent.KIND, "weight:Integer=1"})
@Designate(ocd = FileTrackerConfig.class, factory = true)
public class FileTrackerComponent implements Tracker {

    static final String FACTORY_PID = "vigil.tracker.file";
    static final String KIND = "file";

    private final FileCheck check;

    @Activate
    public FileTrackerComponent(FileTrackerConfig config, Map<String, Object> properties, @Reference FileRuntime runtime,
            @Reference(service = LoggerFactory.class) Logger log) {
        initFile(config, properties.get("initFile"), log);
        this.check = new FileCheck(settings(config), runtime, new FileCheck.Log() {
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
    void modified(FileTrackerConfig config) {
        check.update(settings(config)); // init_file is applied at start only, as keepalived (not on reload)
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

    static FileCheck.Settings settings(FileTrackerConfig c) {
        return new FileCheck.Settings(c.vigil_tracker_name() == null ? "?" : c.vigil_tracker_name(), Path.of(c.file()),
                TimeUnit.MILLISECONDS.toNanos(Math.max(10, c.intervalMillis())));
    }

    /**
     * keepalived's {@code init_file [VALUE] [overwrite]}: writes VALUE (default 0) when the file
     * does not exist, or always with {@code overwrite} (a regular file only).
     */
    static void initFile(FileTrackerConfig c, Object raw, Logger log) {
        if (raw == null) {
            return;
        }
        String name = c.vigil_tracker_name();
        int value = 0;
        boolean overwrite = false;
        for (String word : raw.toString().trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("overwrite")) {
                overwrite = true;
            } else {
                try {
                    value = Integer.parseInt(word);
                } catch (NumberFormatException e) {
                    if (log != null) {
                        log.warn("Track file {} init value {} is invalid", name, word);
                    }
                }
            }
        }
        Path file = Path.of(c.file());
        boolean exists = Files.exists(file);
        if (exists && !overwrite) {
            return;
        }
        if (exists && !Files.isRegularFile(file)) {
            if (log != null) {
                log.warn("Cannot initialise track file {} - it is not a regular file", name);
            }
            return;
        }
        try {
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            if (log != null) {
                log.warn("Unable to initialise track file {}: {}", name, e.toString());
            }
        }
    }
}
