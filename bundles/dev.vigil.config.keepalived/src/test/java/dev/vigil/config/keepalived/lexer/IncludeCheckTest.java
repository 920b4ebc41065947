package dev.vigil.config.keepalived.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's global_defs {@code include_check [OPTIONS]}: which include problems are errors, and for which files. */
class IncludeCheckTest {

    @TempDir
    Path dir;

    @Test
    void withoutOptionsEveryCheckIsOnForTheIncludesThatFollow() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("include before.conf", "global_defs {", "    include_check", "}", "include after.conf",
                "include none/*.conf")).containsExactly("keepalived.conf:2 global_defs {", "keepalived.conf:4 }");
        assertThat(pre.messages()).containsExactly(
                "warning 1 include 'before.conf': no such file",
                "error 5 include 'after.conf': no such file",
                "error 6 include 'none/*.conf': no configuration file matches");
    }

    @Test
    void aPlainOptionSetsReadPlusThatCheckAndSignedOptionsAddOrRemove() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        pre.read("include_check wildcard_match", "include none.conf", "include empty/*.conf",
                "include_check +match -wildcard_match", "include none.conf", "include empty/*.conf");
        assertThat(pre.messages()).containsExactly(
                "warning 2 include 'none.conf': no such file",
                "error 3 include 'empty/*.conf': no configuration file matches",
                "error 5 include 'none.conf': no such file",
                "warning 6 include 'empty/*.conf': no configuration file matches");
    }

    @Test
    void aWildcardUnderAMissingDirectoryIsAMissingFileForKeepalived() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        pre.read("include_check match", "include none/*.conf", "include empty/*.conf");
        assertThat(pre.messages()).containsExactly(
                "error 2 include 'none/*.conf': no configuration file matches",
                "warning 3 include 'empty/*.conf': no configuration file matches");
    }

    @Test
    void anIncludedFileCannotChangeTheChecksOfTheFileThatIncludedIt() throws IOException {
        Files.writeString(dir.resolve("strict.conf"), "include_check\ninclude inner-none.conf\n");
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        pre.read("include strict.conf", "include outer-none.conf");
        assertThat(pre.diagnostics.sorted()).map(d -> d.location().file().replace(dir + "/", "") + ":"
                + d.location().line() + " " + d.severity().label() + " " + d.message()).containsExactly(
                "strict.conf:2 error include 'inner-none.conf': no such file",
                "keepalived.conf:2 warning include 'outer-none.conf': no such file");
    }

    @Test
    void unknownAndRepeatedPlainOptionsAreKeepalivedsErrors() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("global_defs { ", "include_check reading match }")).containsExactly(
                "keepalived.conf:1 global_defs { ", "keepalived.conf:2 }");
        assertThat(pre.messages()).containsExactly(
                "error 2 Unknown include_check type 'reading' - ignoring",
                "error 2 Duplicate include_check 'match' specified - ignoring");
    }
}
