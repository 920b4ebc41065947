package dev.vigil.notify.fifo.internal;

import static dev.vigil.testing.osgi.TestScripts.alive;
import static dev.vigil.testing.osgi.TestScripts.lines;
import dev.vigil.testing.osgi.TestScripts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.script.support.ProcFs;
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.testing.osgi.RecordingLogger;
import dev.vigil.testing.osgi.TypedConfigs;

/** A real FIFO, a real reader script: the lines it gets, a FIFO nobody reads, what is left behind. */
class FifoNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    @TempDir
    Path dir;

    private final List<String> log = RecordingLogger.lines();
    private final List<FifoNotifier> notifiers = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    /** The dispatcher's shape: one worker thread per notifier. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (FifoNotifier n : notifiers) {
            n.deactivate();
        }
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private FifoNotifier notifier(long writeTimeoutMillis, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("vigil_notify_name", "fifo:vrrp_notify_fifo");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        FifoNotifier n = new FifoNotifier(TypedConfigs.of(NotifyFifoConfig.class, m), RecordingLogger.into(log),
                ScriptLauncher.Tools.detect(), writeTimeoutMillis);
        notifiers.add(n);
        return n;
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static Notification note(Notification.Scope scope, String name, NotifyState to, int priority, long seq) {
        return new Notification(scope, name, NotifyState.BACKUP, to, priority, List.of(), "r1", Instant.now(), seq, "");
    }


    private static Notification event(Notification.Event event, NotifyState in, int priority, long seq) {
        return new Notification(event, Notification.Scope.INSTANCE, "VI_1", in, in, priority, List.of(), "r1",
                Instant.now(), seq, "");
    }

    private static boolean await(BooleanSupplier condition) {
        return TestScripts.await(condition, WAIT);
    }

    private static List<Long> longs(Path file) {
        return lines(file).stream().map(String::trim).map(Long::parseLong).toList();
    }



    @Test
    void theFifoScriptReadsEveryLineInKeepalivedsFormatInOrderAndNothingOfItOutlivesTheNotifier()
            throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        Path out = dir.resolve("out");
        Path pidFile = dir.resolve("pids");
        // ignores SIGTERM, reopens the FIFO when it ends, and leaves a child: only SIGKILL to its session ends all
        Path reader = script("reader.sh", "trap '' TERM\n"
                + "sleep 300 & echo $! >> " + pidFile + "\n"
                + "echo $$ >> " + pidFile + "\n"
                + "for i in $(seq 600); do cat \"$1\" >> " + out + "; sleep 0.1; done");
        FifoNotifier n = notifier(Fifo.WRITE_TIMEOUT_MILLIS, "path", fifo.toString(), "script", reader.toString());
        Map<String, Object> st = Files.readAttributes(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertThat((Integer) st.get("mode") & S_IFMT).as("a FIFO").isEqualTo(S_IFIFO);
        assertThat(Files.getPosixFilePermissions(fifo)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        List<String> expected = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Notification note = i % 3 == 0 ? note(Notification.Scope.GROUP, "G1", NotifyState.MASTER, 0, i + 1)
                    : note(Notification.Scope.INSTANCE, "VI_" + (i % 2), i % 2 == 0 ? NotifyState.FAULT
                            : NotifyState.BACKUP, i, i + 1);
            expected.add((note.scope() == Notification.Scope.GROUP ? "GROUP" : "INSTANCE") + " \"" + note.name() + "\" "
                    + note.to() + " " + note.priority());
            done.add(worker.submit(() -> {
                n.deliver(note);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(await(() -> lines(out).size() >= expected.size())).as("read %s", lines(out).size()).isTrue();
        assertThat(lines(out)).containsExactlyElementsOf(expected);

        pids.addAll(longs(pidFile));
        assertThat(pids).hasSize(2);
        n.deactivate();
        notifiers.remove(n);
        assertThat(pids).noneMatch(TestScripts::alive);
        assertThat(ProcFs.sessionMembers(pids.get(1))).isEmpty();
        assertThat(fifo).as("created here, so removed").doesNotExist();
        assertThat(log).as("a script we stop is not reported as terminated").isEmpty();
    }

    @Test
    void aReaderGetsTheEventLinesBetweenTheStateLinesExactlyAsKeepalivedWritesThem() throws Exception {
        Path fifo = dir.resolve("events.fifo");
        Path out = dir.resolve("out");
        Path reader = script("reader.sh", "for i in $(seq 600); do cat \"$1\" >> " + out + "; sleep 0.1; done");
        FifoNotifier n = notifier(Fifo.WRITE_TIMEOUT_MILLIS, "path", fifo.toString(), "script", reader.toString());
        List<Notification> notes = List.of(
                note(Notification.Scope.INSTANCE, "VI_1", NotifyState.MASTER, 100, 1),
                event(Notification.Event.MASTER_RX_LOWER_PRI, NotifyState.MASTER, 100, 1),
                event(Notification.Event.PRIORITY, NotifyState.MASTER, 90, 1),
                note(Notification.Scope.INSTANCE, "VI_1", NotifyState.BACKUP, 90, 2),
                event(Notification.Event.PRIORITY, NotifyState.BACKUP, 80, 2),
                event(Notification.Event.PRIORITY, NotifyState.FAULT, 70, 3));
        Future<?> done = worker.submit(() -> {
            for (Notification note : notes) {
                n.deliver(note);
            }
            return null;
        });
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(await(() -> lines(out).size() >= notes.size())).as("read %s", lines(out).size()).isTrue();
        assertThat(lines(out)).containsExactly("INSTANCE \"VI_1\" MASTER 100", "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100",
                "INSTANCE \"VI_1\" MASTER_PRIORITY 90", "INSTANCE \"VI_1\" BACKUP 90",
                "INSTANCE \"VI_1\" BACKUP_PRIORITY 80", "INSTANCE \"VI_1\" BACKUP_PRIORITY 70");
    }

    @Test
    void theServiceAsksForEveryEvent() throws IOException {
        // the DS descriptor bnd generated from the annotations: what the dispatcher filters by
        String descriptor = Files.readString(
                Path.of("target/classes/OSGI-INF/dev.vigil.notify.fifo.internal.FifoNotifier.xml"));
        assertThat(descriptor).containsPattern("<property name=\"vigil.notify.events\" type=\"String\">"
                + "\\s*STATE\\s+MASTER_RX_LOWER_PRI\\s+PRIORITY\\s*</property>");
    }

    @Test
    void withNoReaderADeliveryThatFindsThePipeFullFailsInsteadOfHanging() throws Exception {
        Path fifo = dir.resolve("unread.fifo");
        FifoNotifier n = notifier(200, "path", fifo.toString());
        String longName = "VI_" + "x".repeat(1000);
        Notification note = note(Notification.Scope.INSTANCE, longName, NotifyState.MASTER, 100, 1);
        // the pipe takes 64 KiB (about 64 of these lines); the attempts are bounded well past that
        Future<Integer> delivered = worker.submit(() -> {
            for (int i = 0; i < 10_000; i++) {
                try {
                    n.deliver(note);
                } catch (IOException e) {
                    assertThat(e).hasMessageContaining("vrrp notify fifo write error: no room in " + fifo);
                    return i;
                }
            }
            return -1;
        });
        int accepted = delivered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(accepted).as("lines the pipe took before one was dropped").isPositive();
        // the FIFO is opened again: a reader arriving now gets the next lines
        Future<?> next = worker.submit(() -> {
            n.deliver(note(Notification.Scope.INSTANCE, "VI_1", NotifyState.BACKUP, 90, 2));
            return null;
        });
        next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aFileThatIsNotAFifoIsNotUsedAndDeliveriesFail() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "keep me\n");
        FifoNotifier n = notifier(200, "path", plain.toString(), "vigil_notify_name", "fifo:notify_fifo");
        assertThat(log).containsExactly("ERROR notify fifo " + plain + " is not a fifo we own - not using");
        assertThatThrownBy(() -> n.deliver(note(Notification.Scope.INSTANCE, "VI_1", NotifyState.MASTER, 100, 1)))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(plain)).isEqualTo("keep me\n");
    }

    @Test
    void anExistingFifoIsUsedAndLeftInPlace() throws Exception {
        Path fifo = dir.resolve("theirs.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        FifoNotifier n = notifier(200, "path", fifo.toString());
        n.deliver(note(Notification.Scope.INSTANCE, "VI_1", NotifyState.MASTER, 100, 1));
        n.deactivate();
        notifiers.remove(n);
        assertThat(fifo).exists();
        assertThat(log).isEmpty();
    }

    @Test
    void aFifoScriptThatEndsOnItsOwnIsLoggedInKeepalivedsWords() throws Exception {
        Path quits = script("quits.sh", "exit 0");
        notifier(200, "path", dir.resolve("n.fifo").toString(), "scriptArgv", new String[] {quits.toString()});
        assertThat(await(() -> log.contains("INFO vrrp notify fifo script terminated"))).isTrue();
    }

    @Test
    void aFifoCreatedForAnotherUserIsTheirsAndAnUnknownUserMeansNoFifo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcFs.selfIds()[0] == 0, "needs root: chown");
        Path fifo = dir.resolve("nobody.fifo");
        FifoNotifier n = notifier(200, "path", fifo.toString(), "user", "nobody");
        assertThat(Files.getOwner(fifo, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("nobody");
        n.deliver(note(Notification.Scope.INSTANCE, "VI_1", NotifyState.MASTER, 100, 1));

        Path none = dir.resolve("none.fifo");
        FifoNotifier unknown = notifier(200, "path", none.toString(), "user", "no-such-user-vigil");
        assertThat(none).doesNotExist();
        assertThat(log).containsExactly("ERROR Invalid user/group for vrrp notify fifo " + none + " - ignoring");
        assertThatThrownBy(() -> unknown.deliver(note(Notification.Scope.INSTANCE, "VI_1", NotifyState.MASTER, 100, 2)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void lineFormatIsKeepalivedsNotifyFifoLine() {
        assertThat(FifoLine.of(note(Notification.Scope.INSTANCE, "VI_1", NotifyState.MASTER, 100, 1)))
                .isEqualTo("INSTANCE \"VI_1\" MASTER 100\n");
        assertThat(FifoLine.of(note(Notification.Scope.GROUP, "G1", NotifyState.STOP, 0, 1)))
                .isEqualTo("GROUP \"G1\" STOP 0\n");
        assertThat(FifoLine.of(event(Notification.Event.MASTER_RX_LOWER_PRI, NotifyState.MASTER, 100, 1)))
                .isEqualTo("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100\n");
        assertThat(FifoLine.of(event(Notification.Event.PRIORITY, NotifyState.MASTER, 110, 1)))
                .isEqualTo("INSTANCE \"VI_1\" MASTER_PRIORITY 110\n");
        assertThat(FifoLine.of(event(Notification.Event.PRIORITY, NotifyState.BACKUP, 90, 1)))
                .isEqualTo("INSTANCE \"VI_1\" BACKUP_PRIORITY 90\n");
    }
}
