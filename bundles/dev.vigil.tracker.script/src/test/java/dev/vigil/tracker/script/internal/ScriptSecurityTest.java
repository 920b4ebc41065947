package dev.vigil.tracker.script.internal;

import dev.vigil.testing.osgi.TestScripts;
import static dev.vigil.tracker.script.internal.Scripts.next;
import static dev.vigil.testing.osgi.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.Users;

/**
 * enable_script_security and user/script_user, with real files, modes, owners and a real
 * unprivileged user. Needs root (chown, running as another user); skipped otherwise.
 */
class ScriptSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();
    private final ScriptLauncher.RunAs root = new ScriptLauncher.RunAs(null, 0, 0);
    private ScriptRuntime runtime;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(TestScripts.root(), "needs root (file owners, running scripts as another user)");
        // under /tmp (root-owned, sticky), open to others so that another user can reach the scripts
        dir = Files.createTempDirectory("vigil-script-security");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        runtime = new ScriptRuntime(tools);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runtime != null) {
            runtime.deactivate();
        }
        TestScripts.deleteTree(dir);
    }

    @Test
    void unprivilegedUserNeedsNoPathProtectionAndRunsAsThatUser() throws IOException {
        Users.Account nobody = Users.user("nobody").orElseThrow();
        Path open = TestScripts.directory(dir, "open", "rwxrwxrwx");
        Path out = open.resolve("uid");
        Path s = script(open, "whoami.sh", "id -u > " + out + "; id -g >> " + out);
        ScriptCheck.Settings settings = new ScriptCheck.Settings("who", List.of(s.toString()),
                TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(10), 1, 1, false,
                new ScriptLauncher.RunAs("nobody", nobody.uid(), nobody.gid()), null, true,
                ScriptCheck.DEFAULT_TERM_GRACE_NANOS);
        Scripts.RecordingLog log = new Scripts.RecordingLog();
        ScriptCheck c = new ScriptCheck(settings, runtime.scheduler(), runtime.launcher(), log);
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        try {
            TrackStatus st = next(q, WAIT);
            assertThat(st.up()).as("%s %s", st, log.lines).isTrue();
            assertThat(Files.readAllLines(out)).containsExactly(Integer.toString(nobody.uid()),
                    Integer.toString(nobody.gid()));
        } finally {
            c.close();
        }
    }

    @Test
    void refusedScriptFailsAndIsLoggedOnce() throws IOException {
        Path s = script(TestScripts.directory(dir, "open", "rwxrwxrwx"), "chk.sh", "exit 0");
        ScriptCheck.Settings settings = new ScriptCheck.Settings("chk", List.of(s.toString()),
                TimeUnit.MILLISECONDS.toNanos(20), 0, 1, 1, false, root, null, true, ScriptCheck.DEFAULT_TERM_GRACE_NANOS);
        Scripts.RecordingLog log = new Scripts.RecordingLog();
        ScriptCheck c = new ScriptCheck(settings, runtime.scheduler(), runtime.launcher(), log);
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        try {
            TrackStatus st = next(q, WAIT);
            assertThat(st.up()).isFalse();
            assertThat(st.detail()).startsWith("cannot run: Unsafe permissions found for script '" + s + "'");
            TestScripts.await(() -> false, Duration.ofMillis(200));
            assertThat(log.count("cannot be run: Unsafe permissions")).isEqualTo(1);
            assertThat(c.runs()).isZero();
        } finally {
            c.close();
        }
    }
}
