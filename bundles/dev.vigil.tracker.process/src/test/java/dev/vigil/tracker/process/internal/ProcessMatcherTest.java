package dev.vigil.tracker.process.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.tracker.process.internal.ProcessMatcher.Mode;

class ProcessMatcherTest {

    @Test
    void byProcessNameExactlyNotLikePgrep() {
        ProcessMatcher m = new ProcessMatcher("ssh", null, Mode.EXACT, false);
        assertThat(m.needsCommandLine()).isFalse();
        assertThat(m.matches("ssh", null)).isTrue();
        assertThat(m.matches("sshd", null)).as("keepalived: not a pattern, 'ssh' is not 'sshd'").isFalse();
    }

    @Test
    void fullCommandComparesArgvZero() {
        ProcessMatcher m = new ProcessMatcher("/usr/sbin/nginx", null, Mode.EXACT, true);
        assertThat(m.matches("nginx", List.of("/usr/sbin/nginx", "-g", "daemon off;"))).isTrue();
        assertThat(m.matches("nginx", List.of("nginx"))).isFalse();
        assertThat(m.matches("kthreadd", List.of())).as("kernel threads have no argv").isFalse();
    }

    @Test
    void parametersExactPartialInitial() {
        List<String> argv = List.of("/usr/bin/python3", "-m", "http.server", "8080");
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of("-m", "http.server", "8080"), Mode.EXACT, false)
                .matches("python3", argv)).isTrue();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of("-m", "http.server"), Mode.EXACT, false)
                .matches("python3", argv)).isFalse();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of("-m", "http.server"), Mode.PARTIAL, false)
                .matches("python3", argv)).isTrue();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of("-m", "http.ser"), Mode.PARTIAL, false)
                .matches("python3", argv)).as("partial compares whole words").isFalse();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of("-m", "http.ser"), Mode.INITIAL, false)
                .matches("python3", argv)).as("initial: the last one may be a prefix").isTrue();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of("-", "http.server"), Mode.INITIAL, false)
                .matches("python3", argv)).as("only the last one").isFalse();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of(), Mode.EXACT, false)
                .matches("python3", List.of("/usr/bin/python3"))).as("exact with none: no parameters").isTrue();
        assertThat(new ProcessMatcher("/usr/bin/python3", List.of(), Mode.EXACT, false).matches("python3", argv))
                .isFalse();
        assertThat(new ProcessMatcher("x", List.of(), Mode.EXACT, false).needsCommandLine()).isTrue();
    }

    @Test
    void modeWords() {
        assertThat(ProcessMatcher.mode(null)).isEqualTo(Mode.EXACT);
        assertThat(ProcessMatcher.mode("Initial")).isEqualTo(Mode.INITIAL);
        assertThatThrownBy(() -> ProcessMatcher.mode("fuzzy")).hasMessageContaining("fuzzy");
    }
}
