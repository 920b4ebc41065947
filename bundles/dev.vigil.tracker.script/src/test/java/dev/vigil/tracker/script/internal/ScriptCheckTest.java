package dev.vigil.tracker.script.internal;

import dev.vigil.testing.osgi.TestScripts;
import static dev.vigil.testing.osgi.TestScripts.await;
import static dev.vigil.tracker.script.internal.Scripts.next;
import static dev.vigil.testing.osgi.TestScripts.script;
import static dev.vigil.tracker.script.internal.Scripts.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.script.support.ProcFs;
import dev.vigil.script.support.ScriptLauncher;

/** Real scripts, real processes: keepalived's vrrp_script behaviour. */
class ScriptCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final ScriptRuntime runtime = new ScriptRuntime(ScriptLauncher.Tools.detect());
    private final Scripts.RecordingLog log = new Scripts.RecordingLog();
    private final List<ScriptCheck> checks = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        checks.forEach(ScriptCheck::close);
        runtime.deactivate();
    }

    private ScriptCheck check(ScriptCheck.Settings s) {
        ScriptCheck c = new ScriptCheck(s, runtime.scheduler(), runtime.launcher(), log);
        checks.add(c);
        return c;
    }

    /**
     * A script that exits, run after run, with the next code of {@code plan} (one per line),
     * then 0; each run appends its code to {@code done}.
     */
    private Path planned(String... codes) throws IOException {
        Path plan = Files.writeString(dir.resolve("plan"), String.join("\n", codes) + "\n");
        Path done = dir.resolve("done");
        return script(dir, "planned.sh", "n=$(head -n 1 " + plan + "); sed -i 1d " + plan + "; n=${n:-0}; echo $n >> "
                + done + "; exit $n");
    }

    private List<String> done() {
        try {
            Path done = dir.resolve("done");
            return Files.exists(done) ? Files.readAllLines(done) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many runs had finished at each change: listeners run on the check's thread, before the next run. */
    private List<Integer> runsAtEachChange(ScriptCheck c) {
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        c.subscribe(st -> sizes.add(done().size()));
        return sizes;
    }

    @Test
    void succeedsAndFailsWithKeepalivedsLogLines() throws IOException {
        Path flag = dir.resolve("flag");
        Files.writeString(flag, "");
        Path s = script(dir, "chk.sh", "[ -e " + flag + " ]");
        ScriptCheck c = check(settings("chk_nginx", List.of(s.toString()), 50, 0, 1, 1, false));
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        assertThat(c.status()).isEqualTo(TrackStatus.PENDING);
        c.start();

        TrackStatus up = next(q, WAIT);
        assertThat(up.up()).isTrue();
        assertThat(up.detail()).isEqualTo("exit status 0");
        assertThat(log.lines).contains("VRRP_Script(chk_nginx) succeeded");

        Files.delete(flag);
        TrackStatus down = next(q, WAIT);
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).isEqualTo("exited with status 1");
        assertThat(log.lines).contains("Script `chk_nginx` now returning 1", "VRRP_Script(chk_nginx) failed (exited with status 1)");
        assertThat(c.status()).isEqualTo(down);
    }

    @Test
    void firstResultDecidesThenRiseAndFallCountAsKeepalived() throws IOException {
        // rise 3, fall 2: the first failure is down at once (keepalived starts one short of either
        // side); then 0,0,1 does not rise, 0,0,0 does (run 7); a lone 1 after the 0 does not
        // fall, 1,1 does (run 12)
        Path s = planned("1", "0", "0", "1", "0", "0", "0", "0", "1", "0", "1", "1", "0");
        ScriptCheck c = check(settings("chk", List.of(s.toString()), 20, 10_000, 3, 2, false));
        List<Integer> runsAtChange = runsAtEachChange(c); // before q: filled when q hears of a change
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isFalse();
        assertThat(next(q, WAIT).up()).as("3 successes in a row after the 0,0,1 that did not count").isTrue();
        assertThat(next(q, WAIT).up()).as("the isolated failure did not count, two in a row do").isFalse();
        assertThat(runsAtChange).containsExactly(1, 7, 12);
        assertThat(log.count("VRRP_Script(chk) succeeded")).isEqualTo(1);
        assertThat(log.count("VRRP_Script(chk) failed")).isEqualTo(2);
    }

    @Test
    void initFailNeedsRiseSuccesses() throws IOException {
        Path s = planned("0", "1", "0", "0");
        ScriptCheck c = check(settings("chk", List.of(s.toString()), 20, 10_000, 2, 1, true));
        assertThat(c.status().up()).isFalse();
        assertThat(c.status()).isNotEqualTo(TrackStatus.PENDING);
        List<Integer> runsAtChange = runsAtEachChange(c); // before q: filled when q hears of a change
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
        assertThat(runsAtChange).as("0 then 1 reset the count; 0,0 is the rise").containsExactly(4);
        assertThat(log.lines).doesNotContain("VRRP_Script(chk) failed (exited with status 1)");
    }

    @Test
    void timeoutTerminatesTheScriptAndCountsAsTimedOut() throws IOException {
        Path pid = dir.resolve("pid");
        Path s = script(dir, "slow.sh", "echo $$ > " + pid + "; exec sleep 30");
        ScriptCheck c = check(settings("slow", List.of(s.toString()), 5000, 200, 1, 1, false));
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        TrackStatus down = next(q, WAIT);
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).isEqualTo("timed out after 0.2 s");
        assertThat(log.lines).contains("VRRP_Script(slow) timed_out");
        long scriptPid = TestScripts.pids(pid).get(0);
        assertThat(await(() -> !TestScripts.alive(scriptPid), WAIT)).isTrue();
    }

    @Test
    void timeoutKillsTheWholeSessionEvenWhenItIgnoresSigterm() throws IOException {
        Path pids = dir.resolve("pids");
        // ignores TERM, starts a child and an orphan (its parent subshell exits), then waits
        Path s = script(dir, "stubborn.sh", "trap '' TERM\n"
                + "sleep 300 & echo $! >> " + pids + "\n"
                + "( sleep 300 & echo $! >> " + pids + " ) \n"
                + "echo $$ >> " + pids + "\n"
                + "while true; do sleep 1; done");
        ScriptCheck.Settings base = settings("stubborn", List.of(s.toString()), 60_000, 300, 1, 1, false);
        ScriptCheck c = check(new ScriptCheck.Settings(base.name(), base.argv(), base.intervalNanos(),
                base.timeoutNanos(), 1, 1, false, base.runAs(), null, false, TimeUnit.MILLISECONDS.toNanos(300)));
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        TrackStatus down = next(q, WAIT);
        assertThat(down.detail()).startsWith("timed out");
        List<Long> started = TestScripts.pids(pids);
        assertThat(started).hasSize(3);
        assertThat(await(() -> started.stream().noneMatch(TestScripts::alive), WAIT))
                .as("script, child and orphan all gone: %s", started).isTrue();
        long sid = started.get(2);
        assertThat(ProcFs.sessionMembers(sid)).isEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void outputIsNeverAPipeThatFills() throws IOException {
        Path s = script(dir, "chatty.sh", "head -c 3000000 /dev/zero; head -c 3000000 /dev/zero >&2; exit 0");
        ScriptCheck c = check(settings("chatty", List.of(s.toString()), 10_000, 10_000, 1, 1, false));
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
    }

    @Test
    void aScriptThatCannotRunFailsAndSaysWhyOnce() throws IOException {
        ScriptCheck missing = check(settings("missing", List.of(dir.resolve("nope.sh").toString()), 20, 0, 1, 1, false));
        ScriptCheck unknown = check(settings("unknown", List.of("no-such-command-vigil", "x"), 20, 0, 1, 1, false));
        Path notExec = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\nexit 0\n");
        ScriptCheck plain = check(settings("plain", List.of(notExec.toString()), 20, 0, 1, 1, false));
        BlockingQueue<TrackStatus> q1 = Scripts.statuses(missing);
        BlockingQueue<TrackStatus> q2 = Scripts.statuses(unknown);
        BlockingQueue<TrackStatus> q3 = Scripts.statuses(plain);
        missing.start();
        unknown.start();
        plain.start();
        assertThat(next(q1, WAIT).detail()).isEqualTo("cannot run: Script " + dir.resolve("nope.sh")
                + " cannot be accessed - No such file or directory");
        assertThat(next(q2, WAIT).detail()).isEqualTo("cannot run: Cannot find script no-such-command-vigil in path");
        TrackStatus p = next(q3, WAIT);
        assertThat(p.up()).isFalse();
        assertThat(p.detail()).contains("is not executable for uid:gid");
        assertThat(log.lines).contains("VRRP_Script(missing) failed (cannot run: Script " + dir.resolve("nope.sh")
                + " cannot be accessed - No such file or directory)");
        assertThat(missing.runs()).as("nothing was started").isZero();
        // many more runs (every 20 ms), still one line each
        sleep(300);
        assertThat(log.count("WARN VRRP_Script(missing) cannot be run")).isEqualTo(1);
        assertThat(log.count("WARN VRRP_Script(unknown) cannot be run")).isEqualTo(1);

        // it becomes runnable: it runs and says so
        script(dir, "nope.sh", "exit 0");
        assertThat(next(q1, WAIT).up()).isTrue();
        assertThat(log.lines).contains("VRRP_Script(missing) can be run again");
    }

    @Test
    void bareNameIsFoundOnPathWithKeepalivedsWarning() {
        ScriptCheck c = check(settings("t", List.of("true"), 5000, 0, 1, 1, false));
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
        assertThat(log.lines).anyMatch(l -> l.startsWith("WARNING - script `true` resolved by path search to `/")
                && l.endsWith("true`. Please specify full path."));
    }

    @Test
    void overlappingRunIsSkippedNotDoubled() throws IOException {
        Path trace = dir.resolve("trace");
        Path s = script(dir, "slow.sh", "echo s >> " + trace + "; sleep 0.5; echo e >> " + trace);
        ScriptCheck c = check(settings("slow", List.of(s.toString()), 100, 2000, 1, 1, false));
        BlockingQueue<TrackStatus> q = Scripts.statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
        assertThat(await(() -> log.count("Track script slow is already running, expect idle - skipping run") >= 3, WAIT))
                .isTrue();
        c.close();
        // never two at once: starts and ends alternate (the run in flight at close is killed)
        String joined = String.join("", Files.readAllLines(trace));
        assertThat(joined).matches("(se)+s?");
        assertThat(joined.chars().filter(ch -> ch == 's').count()).isEqualTo(c.runs());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
