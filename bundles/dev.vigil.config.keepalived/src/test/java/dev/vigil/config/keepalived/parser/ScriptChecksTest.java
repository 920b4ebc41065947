package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's script checks: the path exists, and with enable_script_security no non-root user can change it. */
class ScriptChecksTest {

    @TempDir
    Path dir;

    private ParseResult parse(boolean security, Path script) {
        return KeepalivedParser.parse("t.conf", String.join("\n",
                "global_defs {",
                security ? "    enable_script_security" : "",
                "}",
                "vrrp_script chk {",
                "    script \"" + script + " --quiet\"",
                "}",
                "vrrp_instance VI_1 {",
                "    interface eth0",
                "    virtual_router_id 7",
                "    virtual_ipaddress { 198.51.100.10 }",
                "    track_script { chk }",
                "}"));
    }

    /** A vrrp_script (line 4) and a notify_master (line 10) run as {@code command}, with {@code path} as PATH. */
    private static ParseResult parseWithPath(String command, String path) {
        return KeepalivedParser.parse("t.conf", String.join("\n",
                "global_defs {",
                "    enable_script_security",
                "}",
                "vrrp_script chk {",
                "    script \"" + command + " --quiet\"",
                "}",
                "vrrp_instance VI_1 {",
                "    interface eth0",
                "    virtual_router_id 7",
                "    notify_master " + command,
                "    virtual_ipaddress { 198.51.100.10 }",
                "    track_script { chk }",
                "}"), java.util.Optional.empty(), new ScriptSearchPath(path));
    }

    /** The script findings only: whether notify_master is implemented yet does not matter here. */
    private static List<String> scriptFindings(ParseResult result) {
        return diagnostics(result).stream().filter(d -> d.contains("script ")).toList();
    }

    private static List<String> diagnostics(ParseResult result) {
        return result.diagnostics().stream().map(Object::toString).toList();
    }

    private static boolean root() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Test
    void aScriptWritableByOthersIsAnErrorWithScriptSecurity() throws IOException {
        Path script = Files.writeString(dir.resolve("check.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));

        ParseResult result = parse(true, script);

        assertThat(diagnostics(result)).containsExactly("t.conf:4: error: script '" + script + "' is not secure: "
                + script + " is writable by a non-root user and enable_script_security is set");
    }

    @Test
    void aRootOwnedScriptNobodyElseCanWriteIsFine() throws IOException {
        assumeTrue(root(), "the script must be owned by root");
        Path script = Files.writeString(dir.resolve("check.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        assertThat(parse(true, script).diagnostics()).isEmpty();
    }

    @Test
    void withoutScriptSecurityItIsKeepalivedsSecurityWarning() throws IOException {
        Path script = Files.writeString(dir.resolve("check.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));

        ParseResult result = parse(false, script);

        assertThat(result.valid()).isTrue();
        assertThat(result.scriptSecurityViolation()).isTrue();
        assertThat(diagnostics(result)).containsExactly(
                "t.conf:4: warning: SECURITY VIOLATION - scripts are being executed but script_security not enabled");
        assertThat(result.config().script("chk").orElseThrow().argv()).containsExactly(script.toString(), "--quiet");
    }

    @Test
    void aMissingScriptIsAWarning() {
        Path script = dir.resolve("absent.sh");
        assertThat(diagnostics(parse(true, script))).containsExactly(
                "t.conf:4: warning: script '" + script + "' does not exist");
    }

    @Test
    void aBareNameIsLookedUpInPathAndTheFileFoundIsCheckedForSecurity() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = Files.writeString(bin.resolve("check-vip"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwxrwx"));

        ParseResult result = parseWithPath("check-vip", dir.resolve("absent") + ":" + bin);

        String unsafe = "script 'check-vip' is not secure: " + script
                + " is writable by a non-root user and enable_script_security is set";
        assertThat(scriptFindings(result)).containsExactly("t.conf:4: error: " + unsafe, "t.conf:10: error: " + unsafe);
    }

    @Test
    void aBareNameNotInPathIsReportedWhereItIsUsed() {
        ParseResult result = parseWithPath("vigil-absent-check", dir.toString());

        assertThat(result.valid()).isTrue();
        assertThat(scriptFindings(result)).containsExactly(
                "t.conf:4: warning: Cannot find script vigil-absent-check in path",
                "t.conf:10: warning: Cannot find script vigil-absent-check in path");
    }

    @Test
    void aBareNameFoundOnlyAsANonExecutableFileIsAPermissionFailure() throws IOException {
        Files.writeString(dir.resolve("check-vip"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(dir.resolve("check-vip"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(scriptFindings(parseWithPath("check-vip", dir.toString()))).containsExactly(
                "t.conf:4: warning: Permissions failure for script check-vip in path",
                "t.conf:10: warning: Permissions failure for script check-vip in path");
    }
}
