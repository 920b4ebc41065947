package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/vigil -t} on the built assembly: the parser alone, no framework, no network, no
 * root; keepalived's documented exit statuses and every diagnostic on standard error.
 */
class ConfigTestLauncherTest {

    @TempDir
    Path dir;

    private record Run(int status, String stderr) {
    }

    private Run vigil(String... args) throws IOException, InterruptedException {
        String launcher = System.getProperty("vigil.launcher", "../bin/vigil");
        List<String> cmd = new ArrayList<>(List.of(Path.of(launcher).toAbsolutePath().normalize().toString()));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("vigil -t did not finish within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void aValidFileExitsZeroAndPrintsNothing() throws Exception {
        Path conf = write("ok.conf", "vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 1",
                "  virtual_ipaddress { 198.51.100.10 }", "}");
        Run run = vigil("-t", "-f", conf.toString());
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void errorsExitFourWithEveryDiagnostic() throws Exception {
        Path conf = write("bad.conf", "vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 300",
                "  priority 0", "  smpt_alert", "  virtual_ipaddress { 198.51.100.10 }", "}");
        Run run = vigil("--config-test", "--use-file=" + conf);
        assertThat(run.status()).isEqualTo(4);
        assertThat(run.stderr().lines()).containsExactly(
                conf + ":1: error: vrrp_instance VI_1: virtual_router_id is required",
                conf + ":3: error: invalid virtual_router_id '300': must be an integer between 1 and 255",
                conf + ":4: error: invalid priority '0': must be an integer between 1 and 255",
                conf + ":5: warning: unknown keyword 'smpt_alert' \u2014 did you mean 'smtp_alert'?");
    }

    @Test
    void anUnreadableFileExitsThreeAndTheLogFileOptionCollectsTheDiagnostics() throws Exception {
        Path log = dir.resolve("check.log");
        Run run = vigil("--config-test=" + log, "-f", dir.resolve("absent.conf").toString());
        assertThat(run.status()).isEqualTo(3);
        assertThat(Files.readString(log)).isEqualTo(dir.resolve("absent.conf")
                + ": error: cannot read the configuration: no such file\n");
    }

    @Test
    void scriptsAsRootWithoutScriptSecurityExitFive() throws Exception {
        Path conf = write("scripts.conf", "vrrp_script chk { script \"pidof nginx\" }", "vrrp_instance VI_1 {",
                "  interface eth0", "  virtual_router_id 1", "  virtual_ipaddress { 198.51.100.10 }",
                "  track_script { chk }", "}");
        Run run = vigil("-t", "-f", conf.toString());
        assertThat(run.status()).isEqualTo(5);
        assertThat(run.stderr()).contains(conf + ":1: warning: SECURITY VIOLATION");
    }

    @Test
    void theShippedPairExampleIsValidForBothRouters() throws Exception {
        Path example = Path.of("../config/keepalived-lb.conf").toAbsolutePath().normalize();
        for (String id : new String[] {"lb1", "lb2"}) {
            Run run = vigil("-t", "-i", id, "-f", example.toString());
            assertThat(run.status()).as(id + ": " + run.stderr()).isZero();
        }
    }

    @Test
    void configIdSelectsConditionalLines() throws Exception {
        Path conf = write("cond.conf", "vrrp_instance VI_1 {", "  interface eth0", "  virtual_router_id 1",
                "@lb1 priority 150", "@lb2 priority 0", "  virtual_ipaddress { 198.51.100.10 }", "}");
        assertThat(vigil("-t", "-i", "lb1", "-f", conf.toString()).status()).isZero();
        Run lb2 = vigil("-t", "--config-id=lb2", "-f", conf.toString());
        assertThat(lb2.status()).isEqualTo(4);
        assertThat(lb2.stderr()).contains(conf + ":5: error: invalid priority '0'");
    }

    @Test
    void allConfigRefusesAFileWhoseIncludeIsMissing() throws Exception {
        Path conf = write("inc.conf", "include extra/missing.conf", "vrrp_instance VI_1 {", "  interface eth0",
                "  virtual_router_id 1", "  virtual_ipaddress { 198.51.100.10 }", "}");
        Run plain = vigil("-t", "-f", conf.toString());
        assertThat(plain.status()).as(plain.stderr()).isZero();
        assertThat(plain.stderr()).contains(conf + ":1: warning: include 'extra/missing.conf': no such file");
        Run all = vigil("-t", "-e", "-f", conf.toString());
        assertThat(all.status()).isEqualTo(4);
        assertThat(all.stderr().lines()).containsExactly(conf + ":1: error: include 'extra/missing.conf': no such file");
        assertThat(vigil("-t", "--all-config", "-f", conf.toString()).status()).isEqualTo(4);
    }
}
