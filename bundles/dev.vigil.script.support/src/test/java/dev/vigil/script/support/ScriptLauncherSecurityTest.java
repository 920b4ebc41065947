package dev.vigil.script.support;

import dev.vigil.testing.osgi.TestScripts;
import static dev.vigil.testing.osgi.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * keepalived's script security checks with real files, modes and owners. Needs root (chown);
 * skipped otherwise.
 */
class ScriptLauncherSecurityTest {

    private final ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();
    private final ScriptLauncher launcher = new ScriptLauncher(tools);
    private final ScriptLauncher.RunAs root = new ScriptLauncher.RunAs(null, 0, 0);
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(TestScripts.root(), "needs root (file owners, running scripts as another user)");
        // under /tmp (root-owned, sticky), open to others so that another user can reach the scripts
        dir = Files.createTempDirectory("vigil-script-security");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws Exception {
        TestScripts.deleteTree(dir);
    }

    private ScriptLauncher.Prepared prepare(Path script, boolean security) {
        return launcher.prepare(List.of(script.toString()), root, security);
    }

    @Test
    void safePathRunsAsRootWithoutWarnings() throws IOException {
        Path s = script(TestScripts.directory(dir, "safe", "rwxr-xr-x"), "chk.sh", "exit 0");
        ScriptLauncher.Prepared p = prepare(s, true);
        assertThat(p).isInstanceOf(ScriptLauncher.Command.class);
        ScriptLauncher.Command c = (ScriptLauncher.Command) p;
        assertThat(c.warning()).isNull();
        assertThat(c.command()).last().isEqualTo(s.toString());
        assertThat(c.command().get(0)).endsWith("setsid");
    }

    @Test
    void worldWritableDirectoryIsRefusedWithSecurityAndWarnedWithout() throws IOException {
        Path open = TestScripts.directory(dir, "open", "rwxrwxrwx");
        Path s = script(open, "chk.sh", "exit 0");
        ScriptLauncher.Prepared refused = prepare(s, true);
        assertThat(refused).isInstanceOf(ScriptLauncher.Refused.class);
        assertThat(((ScriptLauncher.Refused) refused).reason())
                .isEqualTo("Unsafe permissions found for script '" + s + "' (" + open + ")"
                        + " - refusing to run it as root (enable_script_security)");
        ScriptLauncher.Prepared allowed = prepare(s, false);
        assertThat(((ScriptLauncher.Command) allowed).warning()).startsWith("Unsafe permissions found for script");
    }

    @Test
    void stickyDirectoryAndRootGroupWritableAreSafe() throws IOException {
        Path sticky = TestScripts.directory(dir, "sticky", "rwxrwxrwxt");
        Path s = script(sticky, "chk.sh", "exit 0");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxrwxr-x")); // group root
        assertThat(prepare(s, true)).isInstanceOf(ScriptLauncher.Command.class);
        assertThat(((ScriptLauncher.Command) prepare(s, true)).warning()).isNull();
    }

    @Test
    void writableScriptOrNonRootOwnerIsUnsafe() throws IOException {
        Path d = TestScripts.directory(dir, "d", "rwxr-xr-x");
        Path writable = script(d, "w.sh", "exit 0");
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxr-xrwx"));
        assertThat(prepare(writable, true)).isInstanceOf(ScriptLauncher.Refused.class);

        Path owned = script(d, "o.sh", "exit 0");
        UserPrincipalLookupService users = owned.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(owned, users.lookupPrincipalByName("nobody"));
        assertThat(prepare(owned, true)).isInstanceOf(ScriptLauncher.Refused.class);

        Path groupWritable = script(d, "g.sh", "exit 0");
        TestScripts.run("chgrp", "nogroup", groupWritable.toString());
        Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(prepare(groupWritable, true)).isInstanceOf(ScriptLauncher.Refused.class);
    }

    @Test
    void rootOwnedSymlinkInThePathIsFollowedAndItsTargetChecked() throws IOException {
        Path real = TestScripts.directory(dir, "real", "rwxr-xr-x");
        Path s = script(real, "chk.sh", "exit 0");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        ScriptLauncher.Prepared p = launcher.prepare(List.of(link.resolve("chk.sh").toString()), root, true);
        assertThat(p).isInstanceOf(ScriptLauncher.Command.class);

        Path open = TestScripts.directory(dir, "open", "rwxrwxrwx");
        script(open, "chk.sh", "exit 0");
        Path openLink = Files.createSymbolicLink(dir.resolve("openlink"), open);
        assertThat(launcher.prepare(List.of(openLink.resolve("chk.sh").toString()), root, true))
                .as("the directory the link points to is world-writable").isInstanceOf(ScriptLauncher.Refused.class);
        assertThat(s).exists();
    }
}
