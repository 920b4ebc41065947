package dev.vigil.tracker.process.internal;

import dev.vigil.testing.osgi.TypedConfigs;
import dev.vigil.testing.osgi.RecordingLogger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ProcessTrackerComponentTest {

    private final List<String> lines = RecordingLogger.lines();

    private ProcessCheck.Settings settings(Map<String, Object> raw) {
        Map<String, Object> m = new HashMap<>(raw);
        m.putIfAbsent("vigil_tracker_name", "nginx_up");
        Map<String, Object> props = new HashMap<>(raw); // what DS passes as the raw properties
        return ProcessTrackerComponent.settings(TypedConfigs.of(ProcessTrackerConfig.class, m), props, RecordingLogger.into(lines));
    }

    @Test
    void contractPropertiesMapToTheCheck() {
        ProcessCheck.Settings s = settings(Map.of("processName", "/usr/sbin/nginx", "parameters", "-g daemon",
                "paramMatch", "partial", "quorum", 2, "quorumMax", 4, "delayMillis", 1500));
        assertThat(s.matcher()).isEqualTo(new ProcessMatcher("/usr/sbin/nginx", List.of("-g", "daemon"),
                ProcessMatcher.Mode.PARTIAL, true));
        assertThat(s.quorum()).isEqualTo(2);
        assertThat(s.quorumMax()).isEqualTo(4);
        assertThat(s.forkDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThat(s.terminateDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThat(s.intervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(lines).isEmpty();
    }

    @Test
    void absentParametersMeanAnyAndTheNameIsTheProcessName() {
        ProcessCheck.Settings s = settings(Map.of("processName", "nginx"));
        assertThat(s.matcher()).isEqualTo(new ProcessMatcher("nginx", null, ProcessMatcher.Mode.EXACT, false));
        assertThat(s.quorumMax()).as("no maximum").isEqualTo(-1);
        assertThat(s.quorate(7)).isTrue();
        assertThat(settings(Map.of("processName", "x", "parameters", new String[] {"a b", "c"})).matcher().parameters())
                .containsExactly("a b", "c");
        assertThat(settings(Map.of("processName", "x", "forkDelayMillis", 100, "delayMillis", 900))
                .terminateDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
    }

    @Test
    void quorumMaxZeroMeansNoneMayRun() {
        ProcessCheck.Settings s = settings(Map.of("processName", "x", "quorumMax", 0));
        assertThat(s.quorate(0)).isTrue();
        assertThat(s.quorate(1)).isFalse();
    }

    @Test
    void aNameLongerThanTheKernelKeepsIsReported() {
        settings(Map.of("processName", "vigil-nginx-standin", "vigil_config_origin", "k.conf:3"));
        assertThat(lines).containsExactly("WARN vrrp_track_process nginx_up (k.conf:3): process name "
                + "'vigil-nginx-standin' is longer than the 15 characters the kernel keeps for a process name and never"
                + " matches; use full_command or parameters");
    }
}
