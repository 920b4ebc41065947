package dev.vigil.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.parser.SeedConfigs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void seedFileIsValidButRunsScriptsAsRootWithoutScriptSecurityWhichIsStatusFive() {
        int status = ConfigCheck.check(SeedConfigs.MASTER, out);

        assertThat(status).isEqualTo(ConfigCheck.SCRIPT_SECURITY);
        assertThat(printed().lines()).hasSize(4)
                .contains(SeedConfigs.MASTER + ":59: warning: unknown keyword 'smpt_alert' \u2014 did you mean 'smtp_alert'?");
    }

    @Test
    void validFileWithoutScriptsReturnsZero(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n"
                + " virtual_ipaddress { 198.51.100.10 }\n}\n");

        assertThat(ConfigCheck.check(file, out)).isZero();
        assertThat(printed()).isEmpty();
    }

    @Test
    void configIdSelectsConditionalLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, String.join("\n",
                "vrrp_instance VI_1 {",
                "    interface eth0",
                "    virtual_router_id 1",
                "@lb1 priority 150",
                "@lb2 priority 300",
                "    virtual_ipaddress { 198.51.100.10 }",
                "}"));

        assertThat(ConfigCheck.check(file, java.util.Optional.of("lb1"), out)).isZero();
        assertThat(ConfigCheck.check(file, java.util.Optional.of("lb2"), out)).isEqualTo(ConfigCheck.ERRORS);
        assertThat(printed().lines()).containsExactly(
                file + ":5: error: invalid priority '300': must be an integer between 1 and 255");
    }

    @Test
    void invalidFileReturnsFourAndPrintsEveryDiagnostic(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, String.join("\n",
                "vrrp_instance VI_1 {",
                "    interface eth0",
                "    virtual_router_id 300",
                "    priority 0",
                "    smpt_alert",
                "    virtual_ipaddress { 198.51.100.10 }",
                "}"));

        int status = ConfigCheck.check(file, out);

        assertThat(status).isEqualTo(ConfigCheck.ERRORS);
        assertThat(printed().lines()).containsExactly(
                file + ":1: error: vrrp_instance VI_1: virtual_router_id is required",
                file + ":3: error: invalid virtual_router_id '300': must be an integer between 1 and 255",
                file + ":4: error: invalid priority '0': must be an integer between 1 and 255",
                file + ":5: warning: unknown keyword 'smpt_alert' \u2014 did you mean 'smtp_alert'?");
    }

    @Test
    void missingFileCannotRunWhichIsStatusThree(@TempDir Path dir) {
        Path file = dir.resolve("absent.conf");

        int status = ConfigCheck.check(file, out);

        assertThat(status).isEqualTo(ConfigCheck.CANNOT_RUN);
        assertThat(printed().lines()).containsExactly(file + ": error: cannot read the configuration: no such file");
    }

    @Test
    void allConfigMakesAMissingIncludeAnErrorWhereKeepalivedOtherwiseOnlyWarns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, String.join("\n",
                "include conf.d/missing.conf",
                "vrrp_instance VI_1 {",
                "    interface eth0",
                "    virtual_router_id 51",
                "    virtual_ipaddress { 198.51.100.10 }",
                "}"));

        assertThat(ConfigCheck.check(file, java.util.Optional.empty(), false, out)).isEqualTo(ConfigCheck.OK);
        assertThat(printed().lines()).containsExactly(
                file + ":1: warning: include 'conf.d/missing.conf': no such file");
        bytes.reset();

        assertThat(ConfigCheck.check(file, java.util.Optional.empty(), true, out)).isEqualTo(ConfigCheck.ERRORS);
        assertThat(printed().lines()).containsExactly(
                file + ":1: error: include 'conf.d/missing.conf': no such file");
    }
}
