package dev.vigil.script.support;

import dev.vigil.testing.osgi.TestScripts;
import static dev.vigil.testing.osgi.TestScripts.alive;
import static dev.vigil.testing.osgi.TestScripts.await;
import static dev.vigil.testing.osgi.TestScripts.pids;
import static dev.vigil.testing.osgi.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real scripts, real processes: a run waited for, a timeout that ends the whole session. */
class ScriptRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final ScriptLauncher.Tools tools = ScriptLauncher.Tools.detect();
    private final ScriptRunner runner = new ScriptRunner(new ScriptLauncher(tools));
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        runner.close();
        TestScripts.kill(started);
    }

    private ScriptLauncher.Command command(String... argv) {
        ScriptLauncher.Prepared p = runner.launcher().prepare(List.of(argv),
                new ScriptLauncher.RunAs(null, tools.uid(), tools.gid()), false);
        assertThat(p).isInstanceOf(ScriptLauncher.Command.class);
        return (ScriptLauncher.Command) p;
    }

    @Test
    void waitsForTheScriptAndReportsItsExitStatusWithItsArguments() throws Exception {
        Path out = dir.resolve("out");
        Path s = script(dir, "args.sh", "echo \"$@\" > " + out + "; exit 3");
        ScriptRunner.Outcome o = runner.run(command(s.toString(), "a b", "c"), 10_000, 1000);
        assertThat(o.ending()).isEqualTo(ScriptRunner.Ending.EXITED);
        assertThat(o.exitStatus()).isEqualTo(3);
        assertThat(Files.readString(out)).as("written before run() returned").isEqualTo("a b c\n");
    }

    @Test
    void childrenAScriptLeavesRunningOnItsOwnAreLeftAlone() throws Exception {
        // notify_master scripts start services: only a timeout ends a session
        Path pid = dir.resolve("pid");
        Path s = script(dir, "starter.sh", "sleep 30 & echo $! > " + pid + "; exit 0");
        assertThat(runner.run(command(s.toString()), 10_000, 1000).ending()).isEqualTo(ScriptRunner.Ending.EXITED);
        started.addAll(pids(pid));
        assertThat(started).hasSize(1);
        assertThat(alive(started.get(0))).isTrue();
    }

    @Test
    void timeoutEndsTheWholeSessionEvenWhenItIgnoresSigterm() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = script(dir, "stubborn.sh", "trap '' TERM\n"
                + "sleep 300 & echo $! >> " + pids + "\n"
                + "( sleep 300 & echo $! >> " + pids + " )\n"
                + "echo $$ >> " + pids + "\n"
                + "while true; do sleep 1; done");
        ScriptRunner.Outcome o = runner.run(command(s.toString()), 300, 200);
        started.addAll(pids(pids));
        assertThat(o.ending()).isEqualTo(ScriptRunner.Ending.TIMED_OUT);
        assertThat(o.unkillable()).isFalse();
        assertThat(started).hasSize(3);
        assertThat(started.stream().noneMatch(TestScripts::alive)).as("script, child and orphan gone: %s", started)
                .isTrue();
        assertThat(ProcFs.sessionMembers(o.pid())).isEmpty();
    }

    @Test
    void closeEndsARunInProgressAndRefusesNewRuns() throws Exception {
        Path pid = dir.resolve("pid");
        Path s = script(dir, "hang.sh", "echo $$ > " + pid + "; sleep 300");
        CompletableFuture<ScriptRunner.Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(command(s.toString()), 60_000, 1000);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(await(() -> !pids(pid).isEmpty(), WAIT)).isTrue();
        started.addAll(pids(pid));
        runner.close();
        ScriptRunner.Outcome o = run.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(o.ending()).isEqualTo(ScriptRunner.Ending.STOPPED);
        assertThat(ProcFs.sessionMembers(o.pid())).isEmpty();
        assertThatThrownBy(() -> runner.run(command(s.toString()), 1000, 0)).isInstanceOf(IOException.class);
    }
}
