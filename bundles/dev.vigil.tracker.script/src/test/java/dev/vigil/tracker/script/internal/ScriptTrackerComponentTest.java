package dev.vigil.tracker.script.internal;

import dev.vigil.testing.osgi.TypedConfigs;
import dev.vigil.testing.osgi.RecordingLogger;

import static dev.vigil.testing.osgi.TestScripts.await;
import static dev.vigil.testing.osgi.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.script.support.CommandLine;
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.ScriptUser;
import dev.vigil.script.support.Users;

/** The DS component as DS would make it: typed configuration in, Tracker out. */
class ScriptTrackerComponentTest {

    @TempDir
    Path dir;

    private final ScriptRuntime runtime = new ScriptRuntime(ScriptLauncher.Tools.detect());
    private final List<String> lines = RecordingLogger.lines();

    @AfterEach
    void stop() throws InterruptedException {
        runtime.deactivate();
    }

    private static ScriptTrackerConfig config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("vigil_tracker_name", "chk_nginx");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return TypedConfigs.of(ScriptTrackerConfig.class, m);
    }

    @Test
    void runsTheConfiguredScriptAndPublishesItsVerdictsAsATracker() throws Exception {
        Path flag = Files.writeString(dir.resolve("flag"), "");
        Path s = script(dir, "chk.sh", "[ -e \"$1\" ]");
        ScriptTrackerComponent c = new ScriptTrackerComponent(config("scriptArgv", new String[] {s.toString(), flag.toString()},
                "intervalMillis", 50), runtime, RecordingLogger.into(lines));
        try {
            assertThat(await(() -> c.status().up(), Duration.ofSeconds(10))).isTrue();
            java.util.List<TrackStatus> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            AutoCloseable sub = c.subscribe(heard::add);
            Files.delete(flag);
            assertThat(await(() -> !heard.isEmpty(), Duration.ofSeconds(10))).isTrue();
            assertThat(heard.get(0).up()).isFalse();
            assertThat(lines).contains("INFO VRRP_Script(chk_nginx) succeeded",
                    "INFO VRRP_Script(chk_nginx) failed (exited with status 1)");
            sub.close();

            // modified in place: a new interval and command, same service, same verdict until the next run
            Path ok = script(dir, "ok.sh", "exit 0");
            c.modified(config("scriptArgv", new String[] {ok.toString()}, "intervalMillis", 20));
            assertThat(await(() -> c.status().up(), Duration.ofSeconds(10))).isTrue();
        } finally {
            c.deactivate();
        }
    }

    @Test
    void oneLineScriptIsSplitWhenNoArgvIsGiven() {
        assertThat(CommandLine.split("pidof nginx")).containsExactly("pidof", "nginx");
        assertThat(CommandLine.split("/bin/check \"a b\" 'c d' e\\ f")).containsExactly("/bin/check", "a b",
                "c d", "e f");
        ScriptCheck.Settings s = ScriptTrackerComponent.settings(config("script", "pidof nginx", "intervalMillis", 2000,
                "timeoutMillis", 0, "rise", 2, "fall", 3), ScriptLauncher.Tools.detect(), null);
        assertThat(s.argv()).containsExactly("pidof", "nginx");
        assertThat(s.intervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(s.timeoutNanos()).as("timeout defaults to the interval").isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(s.rise()).isEqualTo(2);
        assertThat(s.fall()).isEqualTo(3);
    }

    @Test
    void defaultUserIsKeepalivedScriptElseOurselvesAndSecurityWantsOne() {
        assumeTrue(Users.user(ScriptUser.DEFAULT_USER).isEmpty(), "keepalived_script exists here");
        ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();
        ScriptCheck.Settings plain = ScriptTrackerComponent.settings(config("script", "true"), tools, null);
        assertThat(plain.runAs()).isEqualTo(new ScriptLauncher.RunAs(null, tools.uid(), tools.gid()));

        ScriptCheck.Settings secure = ScriptTrackerComponent.settings(config("script", "true",
                "enableScriptSecurity", true), tools, RecordingLogger.into(lines));
        assertThat(secure.runAs()).isNull();
        assertThat(secure.refusal()).isEqualTo("Unable to set default user keepalived_script for script (set script_user)");
        assertThat(lines).containsExactly("ERROR VRRP_Script(chk_nginx): Unable to set default user keepalived_script"
                + " for script (set script_user); it counts as failed");
    }

    @Test
    void namedUserAndGroupAreResolvedOrRefused() {
        ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();
        Users.Account nobody = Users.user("nobody").orElseThrow();
        ScriptCheck.Settings s = ScriptTrackerComponent.settings(config("script", "true", "user", "nobody"), tools, null);
        assertThat(s.runAs()).isEqualTo(new ScriptLauncher.RunAs("nobody", nobody.uid(), nobody.gid()));
        ScriptCheck.Settings g = ScriptTrackerComponent.settings(config("script", "true", "user", "nobody",
                "group", "root"), tools, null);
        assertThat(g.runAs().gid()).isZero();
        ScriptCheck.Settings missing = ScriptTrackerComponent.settings(config("script", "true",
                "user", "no-such-user-vigil", "vigil_config_origin", "/etc/keepalived/keepalived.conf:12"), tools,
                RecordingLogger.into(lines));
        assertThat(missing.runAs()).isNull();
        assertThat(lines).containsExactly("ERROR VRRP_Script(chk_nginx) (/etc/keepalived/keepalived.conf:12): "
                + "Invalid user/group for script true: no user no-such-user-vigil; it counts as failed");
    }
}
