package dev.vigil.script.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsAtBlanksWithQuotesAndBackslashes() {
        assertThat(CommandLine.split("pidof nginx")).containsExactly("pidof", "nginx");
        assertThat(CommandLine.split("/bin/check \"a b\" 'c d' e\\ f")).containsExactly("/bin/check", "a b", "c d",
                "e f");
        assertThat(CommandLine.split("  ")).isEmpty();
        assertThat(CommandLine.split(null)).isEmpty();
    }

    @Test
    void argvWinsOverTheOneLineCommand() {
        assertThat(CommandLine.argv(new String[] {"/bin/x", "a b"}, "/bin/y c")).containsExactly("/bin/x", "a b");
        assertThat(CommandLine.argv(new String[0], "/bin/y c")).containsExactly("/bin/y", "c");
    }
}
