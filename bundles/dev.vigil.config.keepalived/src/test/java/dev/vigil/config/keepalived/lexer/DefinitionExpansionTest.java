package dev.vigil.config.keepalived.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-line definitions read through the whole preprocessor (nesting, conditionals and
 * definitions inside them), keepalived's built-in definitions with parameters, and the bounds
 * that turn a runaway expansion into an error.
 */
class DefinitionExpansionTest {

    @TempDir
    Path dir;

    @Test
    void multiLineDefinitionsNestAndTheirLinesAreReadAsLinesOfTheFile() throws IOException {
        // keepalived.conf(5)'s virtual_server/real_server example, shortened
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.lines(String.join("\n",
                "$RS= \\",
                "real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\",
                "    @lb1 weight 2 \\",
                "}",
                "$VS= \\",
                "virtual_server 10.0.${VS_NUM}.4 80 { \\",
                "    $RS_NUM=1 \\",
                "    $RS \\",
                "    $RS_NUM=2 \\",
                "    $RS \\",
                "}",
                "$VS_NUM=0",
                "$VS"), "lb1")).containsExactly(
                "keepalived.conf:6 virtual_server 10.0.0.4 80 {",
                "keepalived.conf:2 real_server 192.168.0.1 80 {",
                "keepalived.conf:3 weight 2",
                "keepalived.conf:4 }",
                "keepalived.conf:2 real_server 192.168.0.2 80 {",
                "keepalived.conf:3 weight 2",
                "keepalived.conf:4 }",
                "keepalived.conf:11 }");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void textBeforeAMultiLineNameJoinsItsFirstLine() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("$ADDRS=198.51.100.1 \\", "198.51.100.2", "virtual_ipaddress { $ADDRS", "}"))
                .containsExactly("keepalived.conf:3 virtual_ipaddress { 198.51.100.1",
                        "keepalived.conf:2 198.51.100.2", "keepalived.conf:4 }");
    }

    @Test
    void builtInDefinitionsTakeSpaceSeparatedParameters() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir, Map.of("VIGIL_ROUTER", "lb-7"));
        assertThat(pre.lines(String.join("\n",
                "router_id ${_ENV VIGIL_ROUTER}-${_INSTANCE}",
                "priority ${_RANDOM 42 42}",
                "file \"${_PWD}/state\"",
                "absent '${_ENV VIGIL_ABSENT}'",
                "$OFF=${_HASH}",
                "$OFF disabled line",
                "$ON=",
                "$ON enabled line",
                "$WHICH=VIGIL_ROUTER",
                "nested ${_ENV ${WHICH}}"), "main")).containsExactly(
                "keepalived.conf:1 router_id lb-7-main",
                "keepalived.conf:2 priority 42",
                "keepalived.conf:3 file \"" + dir + "/state\"",
                "keepalived.conf:4 absent ''",
                "keepalived.conf:8 enabled line",
                "keepalived.conf:10 nested lb-7");
        assertThat(pre.messages()).isEmpty();
    }

    @Test
    void wrongParametersAreKeepalivedsErrorsAndOnlyAUserDefinitionIsLeftAsWritten() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("a ${_RANDOM 1 2 3}", "b ${_ENV}", "c ${_RANDOM one}", "d ${_RANDOM 9 3}",
                "$MINE=x", "e ${MINE arg}", "f ${_ENV HOME }")).containsExactly(
                "keepalived.conf:1 a ",
                "keepalived.conf:2 b ",
                "keepalived.conf:3 c ",
                "keepalived.conf:4 d 9",
                "keepalived.conf:6 e ${MINE arg}",
                "keepalived.conf:7 f ${_ENV HOME }");
        assertThat(pre.messages()).containsExactly(
                "error 1 Definition _RANDOM requires between 0 and 2 parameters, 3 specified.",
                "error 2 Definition _ENV requires between 1 and 1 parameters, 0 specified.",
                "error 3 Definition _RANDOM requires numeric parameters only.",
                "error 4 ${_RANDOM}: min 9 exceeds max 3, using 9",
                "warning 6 definition '$MINE' takes no parameters; '${MINE arg}' is left as written");
    }

    @Test
    void aDefinitionOfABuiltInNameReplacesIt() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("$_INSTANCE=mine", "id $_INSTANCE")).containsExactly("keepalived.conf:2 id mine");
    }

    @Test
    void aMultiLineDefinitionThatUsesItselfStopsAtTheDepthLimit() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("$LOOP=x \\", "$LOOP", "$LOOP", "after")).hasSize(Preprocessor.MAX_EXPANSION_DEPTH + 1)
                .last().isEqualTo("keepalived.conf:4 after");
        assertThat(pre.messages()).containsExactly("error 2 '$LOOP' is not expanded: expansions are nested more than "
                + "32 deep (does a definition use itself?)");
    }

    @Test
    void aSingleLineDefinitionThatGrowsWithoutEndIsAnError() throws IOException {
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        String chunk = "y".repeat(5000);
        assertThat(pre.read("$A=" + chunk + "${A}${A}", "v $A", "after")).containsExactly("keepalived.conf:3 after");
        assertThat(pre.messages()).containsExactly("error 2 parameter substitution makes the line longer than 65536 "
                + "characters (a parameter refers to itself?)");
    }

    @Test
    void anIncludeInAReplicatedLineIsReadBeforeTheNextValue() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "from a\n");
        Files.writeString(dir.resolve("b.conf"), "from b\n");
        PreprocessorHarness pre = new PreprocessorHarness(dir);
        assertThat(pre.read("~LST(F, a, b) include ${F}.conf", "last")).containsExactly(
                "a.conf:1 from a", "b.conf:1 from b", "keepalived.conf:2 last");
        assertThat(pre.messages()).isEmpty();
    }
}
