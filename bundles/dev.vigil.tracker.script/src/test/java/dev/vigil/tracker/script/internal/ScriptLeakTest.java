package dev.vigil.tracker.script.internal;

import dev.vigil.testing.osgi.TestScripts;
import static dev.vigil.testing.osgi.TestScripts.await;
import static dev.vigil.testing.osgi.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.script.support.ScriptLauncher;

/**
 * 1,000 script runs on the shared scheduler (fast successes, failures, timeouts of scripts that
 * leave children and orphans behind, one of them ignoring SIGTERM), then no process and no
 * thread more than before.
 */
class ScriptLeakTest {

    private static final int RUNS = 1000;

    @TempDir
    Path dir;

    @Test
    void thousandRunsLeaveNoProcessAndNoThreadBehind() {
        long baselineChildren = liveDescendants();
        int baselineThreads = Thread.getAllStackTraces().size();

        ScriptRuntime runtime = new ScriptRuntime(ScriptLauncher.Tools.detect());
        Scripts.RecordingLog log = new Scripts.RecordingLog();
        Path orphans = dir.resolve("orphans");
        Path ok = script(dir, "ok.sh", "exit 0");
        Path fail = script(dir, "fail.sh", "exit 3");
        Path slow = script(dir, "slow.sh", "sleep 30 & echo $! >> " + orphans + "; sleep 30");
        Path stubborn = script(dir, "stubborn.sh", "trap '' TERM\n"
                + "( sleep 30 & echo $! >> " + orphans + " )\n"
                + "echo $$ >> " + orphans + "\n"
                + "sleep 30");
        List<ScriptCheck> checks = new ArrayList<>();
        checks.add(check(runtime, log, "ok", ok, 2, 1000));
        checks.add(check(runtime, log, "fail", fail, 2, 1000));
        checks.add(check(runtime, log, "slow", slow, 10, 20));
        checks.add(check(runtime, log, "stubborn", stubborn, 10, 20));
        long started = System.nanoTime();
        checks.forEach(ScriptCheck::start);

        boolean done = await(() -> checks.stream().mapToLong(ScriptCheck::runs).sum() >= RUNS, Duration.ofMinutes(5));
        long runs = checks.stream().mapToLong(ScriptCheck::runs).sum();
        int threadsDuring = Thread.getAllStackTraces().size();
        checks.forEach(ScriptCheck::close);
        System.out.printf("%d runs in %d ms (ok %d, fail %d, slow %d, stubborn %d); threads %d before, %d during;"
                + " orphans recorded %d%n", runs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                checks.get(0).runs(), checks.get(1).runs(), checks.get(2).runs(), checks.get(3).runs(),
                baselineThreads, threadsDuring, TestScripts.pids(orphans).size());
        assertThat(done).as("%d runs within 5 minutes", runs).isTrue();
        assertThat(checks.get(2).runs()).as("timeouts happened").isPositive();
        assertThat(checks.get(3).runs()).as("SIGTERM-proof timeouts happened").isPositive();
        assertThat(log.count("VRRP_Script(slow) timed_out")).isEqualTo(1);

        try {
            runtime.deactivate();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        List<Long> leftBehind = TestScripts.pids(orphans);
        assertThat(leftBehind).as("children and orphans recorded").isNotEmpty();
        assertThat(await(() -> leftBehind.stream().noneMatch(TestScripts::alive), Duration.ofSeconds(10)))
                .as("every child and orphan of a timed-out script is gone").isTrue();
        assertThat(await(() -> liveDescendants() <= baselineChildren, Duration.ofSeconds(10)))
                .as("child processes back to %d, are %d", baselineChildren, liveDescendants()).isTrue();
        assertThat(ProcessHandle.current().descendants().count()).as("no zombie child either")
                .isLessThanOrEqualTo(baselineChildren);
        // the JDK reaps each child on a "process reaper" thread from a cached pool that idles out
        // after 60 s: the count comes back to the baseline once those have gone too
        assertThat(await(() -> Thread.getAllStackTraces().size() <= baselineThreads, Duration.ofSeconds(90)))
                .as("threads back to %d, are %s", baselineThreads, Thread.getAllStackTraces().keySet()).isTrue();
    }

    private static ScriptCheck check(ScriptRuntime runtime, ScriptCheck.Log log, String name, Path script,
            long intervalMillis, long timeoutMillis) {
        ScriptLauncher.Tools tools = runtime.launcher().tools();
        return new ScriptCheck(new ScriptCheck.Settings(name, List.of(script.toString()),
                TimeUnit.MILLISECONDS.toNanos(intervalMillis), TimeUnit.MILLISECONDS.toNanos(timeoutMillis), 1, 1,
                false, new ScriptLauncher.RunAs(null, tools.uid(), tools.gid()), null, false,
                TimeUnit.MILLISECONDS.toNanos(50)), runtime.scheduler(), runtime.launcher(), log);
    }

    private static long liveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
    }
}
