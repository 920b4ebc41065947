package dev.vigil.tracker.file.internal;

import dev.vigil.testing.osgi.TypedConfigs;
import dev.vigil.testing.osgi.RecordingLogger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTrackerComponentTest {

    @TempDir
    Path dir;

    private final List<String> lines = RecordingLogger.lines();

    private FileTrackerConfig config(Path file) {
        Map<String, Object> m = new HashMap<>();
        m.put("vigil_tracker_name", "prio");
        m.put("file", file.toString());
        return TypedConfigs.of(FileTrackerConfig.class, m);
    }

    @Test
    void initFileWritesWhenMissingAndOverwritesOnlyWhenAsked() throws IOException {
        Path f = dir.resolve("prio");
        FileTrackerComponent.initFile(config(f), null, RecordingLogger.into(lines));
        assertThat(f).doesNotExist();
        FileTrackerComponent.initFile(config(f), "", RecordingLogger.into(lines));
        assertThat(f).hasContent("0");
        Files.writeString(f, "12\n");
        FileTrackerComponent.initFile(config(f), "5", RecordingLogger.into(lines));
        assertThat(f).as("present: left alone").hasContent("12");
        FileTrackerComponent.initFile(config(f), "5 overwrite", RecordingLogger.into(lines));
        assertThat(f).hasContent("5");
        FileTrackerComponent.initFile(config(dir), "5 overwrite", RecordingLogger.into(lines));
        assertThat(lines).containsExactly("WARN Cannot initialise track file prio - it is not a regular file");
    }

    @Test
    void theServiceCarriesKeepalivedsDefaultWeightOfOne() throws IOException {
        // the DS descriptor bnd generated from the annotations (a configuration's weight overrides it)
        Path xml = Path.of("target/classes/OSGI-INF/dev.vigil.tracker.file.internal.FileTrackerComponent.xml");
        String descriptor = Files.readString(xml);
        assertThat(descriptor).contains("<property name=\"weight\" type=\"Integer\" value=\"1\"/>");
        assertThat(descriptor).contains("<property name=\"vigil.tracker.kind\" type=\"String\" value=\"file\"/>");
    }

    @Test
    void runsAsATracker() throws Exception {
        Path f = Files.writeString(dir.resolve("prio"), "6");
        FileRuntime runtime = new FileRuntime();
        FileTrackerComponent c = new FileTrackerComponent(config(f), Map.of(), runtime, RecordingLogger.into(lines));
        try {
            assertThat(dev.vigil.testing.osgi.TestScripts.await(() -> c.status().value().isPresent(), java.time.Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(c.status().value()).hasValue(6);
        } finally {
            c.deactivate();
            runtime.deactivate();
        }
    }
}
