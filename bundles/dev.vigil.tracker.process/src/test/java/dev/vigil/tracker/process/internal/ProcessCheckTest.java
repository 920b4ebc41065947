package dev.vigil.tracker.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.tracker.process.internal.ProcessMatcher.Mode;

/** Real stand-in processes under unique names, started and killed by PID. */
class ProcessCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final ProcessRuntime runtime = new ProcessRuntime();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private final List<ProcessCheck> checks = new ArrayList<>();
    private final String name = "vgl" + UUID.randomUUID().toString().substring(0, 8); // 11 characters

    @AfterEach
    void stop() throws InterruptedException {
        checks.forEach(ProcessCheck::close);
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        runtime.deactivate();
    }

    /** A copy of sleep named {@code name}: its /proc/PID/comm is that name. */
    private Path standIn() throws IOException {
        Path copy = dir.resolve(name);
        if (!Files.exists(copy)) {
            Path sleep = Files.exists(Path.of("/usr/bin/sleep")) ? Path.of("/usr/bin/sleep") : Path.of("/bin/sleep");
            Files.copy(sleep, copy);
            copy.toFile().setExecutable(true);
        }
        return copy;
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    private Process startStandIn() throws IOException {
        return start(standIn().toString(), "300");
    }

    private ProcessCheck check(ProcessMatcher matcher, int quorum, int quorumMax, long delayMillis) {
        ProcessCheck c = new ProcessCheck(new ProcessCheck.Settings("track_" + name, matcher, quorum, quorumMax,
                TimeUnit.MILLISECONDS.toNanos(delayMillis), TimeUnit.MILLISECONDS.toNanos(delayMillis),
                TimeUnit.MILLISECONDS.toNanos(50)), runtime.scheduler(), runtime.table(), log::add);
        checks.add(c);
        return c;
    }

    private static BlockingQueue<TrackStatus> statuses(ProcessCheck c) {
        BlockingQueue<TrackStatus> q = new LinkedBlockingQueue<>();
        c.subscribe(q::add);
        return q;
    }

    private static TrackStatus next(BlockingQueue<TrackStatus> q, Duration timeout) throws InterruptedException {
        TrackStatus s = q.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (s == null) {
            throw new AssertionError("no status change within " + timeout);
        }
        return s;
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void presenceByProcessNameGainsAndLosesQuorum() throws Exception {
        ProcessCheck c = check(new ProcessMatcher(name, null, Mode.EXACT, false), 1, -1, 0);
        BlockingQueue<TrackStatus> q = statuses(c);
        c.start();
        TrackStatus first = next(q, WAIT);
        assertThat(first.up()).isFalse();
        assertThat(first.detail()).isEqualTo("0 processes running, quorum 1..");
        assertThat(log).as("the first reading is not a change").isEmpty();

        Process p = startStandIn();
        TrackStatus up = next(q, WAIT);
        assertThat(up.up()).isTrue();
        assertThat(up.detail()).isEqualTo("1 process running, quorum 1..");
        assertThat(log).containsExactly("Quorum gained for tracked process track_" + name);

        Process p2 = startStandIn();
        kill(p);
        kill(p2);
        assertThat(next(q, WAIT).up()).isFalse();
        assertThat(log).last().isEqualTo("Quorum lost for tracked process track_" + name);
    }

    @Test
    void quorumAndQuorumMaxBoundTheCount() throws Exception {
        ProcessCheck c = check(new ProcessMatcher(name, null, Mode.EXACT, false), 2, 2, 0);
        BlockingQueue<TrackStatus> q = statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isFalse();
        startStandIn();
        Process second = startStandIn();
        assertThat(next(q, WAIT).up()).isTrue();
        Process third = startStandIn();
        TrackStatus tooMany = next(q, WAIT);
        assertThat(tooMany.up()).isFalse();
        assertThat(tooMany.detail()).isEqualTo("3 processes running, quorum 2..2");
        kill(third);
        assertThat(next(q, WAIT).up()).isTrue();
        kill(second);
        assertThat(next(q, WAIT).up()).isFalse();
    }

    @Test
    void quorumMaxZeroIsUpWhileNoneRuns() throws Exception {
        ProcessCheck c = check(new ProcessMatcher(name, null, Mode.EXACT, false), 1, 0, 0);
        BlockingQueue<TrackStatus> q = statuses(c);
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
        Process p = startStandIn();
        assertThat(next(q, WAIT).up()).isFalse();
        kill(p);
        assertThat(next(q, WAIT).up()).isTrue();
    }

    @Test
    void argvZeroAndParametersFromTheCommandLine() throws Exception {
        String argv0 = "vigil-" + name;
        ProcessCheck exact = check(new ProcessMatcher(argv0, List.of("300", "30"), Mode.EXACT, false), 1, -1, 0);
        ProcessCheck partial = check(new ProcessMatcher(argv0, List.of("300"), Mode.PARTIAL, false), 1, -1, 0);
        ProcessCheck initial = check(new ProcessMatcher(argv0, List.of("300", "3"), Mode.INITIAL, false), 1, -1, 0);
        ProcessCheck wrong = check(new ProcessMatcher(argv0, List.of("300"), Mode.EXACT, false), 1, -1, 0);
        List<BlockingQueue<TrackStatus>> qs = List.of(statuses(exact), statuses(partial), statuses(initial),
                statuses(wrong));
        // argv[0] set by bash's exec -a; the process name stays "sleep"
        Process p = start("bash", "-c", "exec -a " + argv0 + " sleep 300 30");
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!new String(Files.readAllBytes(cmdline)).startsWith(argv0 + "\0")) {
            assertThat(System.nanoTime()).as("bash exec'd the stand-in").isLessThan(deadline);
            Thread.sleep(10);
        }
        for (ProcessCheck c : checks) {
            c.start();
        }
        assertThat(next(qs.get(0), WAIT).up()).isTrue();
        assertThat(next(qs.get(1), WAIT).up()).isTrue();
        assertThat(next(qs.get(2), WAIT).up()).isTrue();
        assertThat(next(qs.get(3), WAIT).up()).isFalse();
    }

    @Test
    void zombiesDoNotCount() throws Exception {
        ProcessMatcher matcher = new ProcessMatcher(name, null, Mode.EXACT, false);
        ProcessCheck c = check(matcher, 1, -1, 0);
        BlockingQueue<TrackStatus> q = statuses(c);
        // the stand-in's parent becomes a sleep that never reaps it: a zombie after 1.5 s
        Process parent = start("sh", "-c", "( exec " + standIn() + " 1.5 ) & exec sleep 300");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (runtime.table().matching(matcher).isEmpty()) {
            assertThat(System.nanoTime()).as("the stand-in runs").isLessThan(deadline);
            Thread.sleep(10);
        }
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
        TrackStatus gone = next(q, WAIT);
        assertThat(gone.up()).isFalse();
        long zombies = parent.toHandle().children().filter(h -> stateOf(h.pid()) == 'Z').count();
        assertThat(zombies).as("the stand-in is still there, as a zombie").isEqualTo(1);
        kill(parent);
    }

    @Test
    void terminateDelayRidesOutARestart() throws Exception {
        ProcessCheck c = check(new ProcessMatcher(name, null, Mode.EXACT, false), 1, -1, 2000);
        BlockingQueue<TrackStatus> q = statuses(c);
        Process p = startStandIn();
        c.start();
        assertThat(next(q, WAIT).up()).isTrue();
        kill(p);
        startStandIn(); // restarted well within the delay
        assertThat(q.poll(3, TimeUnit.SECONDS)).as("no change: the loss did not last 2 s").isNull();
        assertThat(c.status().up()).isTrue();

        long killedAt = System.nanoTime();
        for (Process s : started) {
            s.destroyForcibly();
            s.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(next(q, WAIT).up()).isFalse();
        assertThat(System.nanoTime() - killedAt).as("not before the delay").isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(2000));
        assertThat(log).containsExactly("Quorum lost for tracked process track_" + name);
    }

    private static char stateOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }
}
