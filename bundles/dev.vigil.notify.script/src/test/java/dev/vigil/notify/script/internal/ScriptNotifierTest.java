package dev.vigil.notify.script.internal;

import dev.vigil.testing.osgi.TestScripts;
import static dev.vigil.notify.script.internal.Recorders.config;
import static dev.vigil.notify.script.internal.Recorders.event;
import static dev.vigil.notify.script.internal.Recorders.group;
import static dev.vigil.notify.script.internal.Recorders.instance;
import static dev.vigil.testing.osgi.TestScripts.lines;
import static dev.vigil.notify.script.internal.Recorders.recorder;
import static dev.vigil.testing.osgi.TestScripts.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.script.support.ProcFs;
import dev.vigil.testing.osgi.RecordingLogger;

/** Real scripts, real processes: what each script receives, in which order, and what is left running. */
class ScriptNotifierTest {

    @TempDir
    Path dir;

    private final List<String> log = RecordingLogger.lines();
    private final List<ScriptNotifier> notifiers = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    /** The dispatcher's shape: one worker thread per notifier, one delivery at a time. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() throws InterruptedException {
        notifiers.forEach(ScriptNotifier::deactivate);
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private ScriptNotifier notifier(Object... kv) {
        ScriptNotifier n = new ScriptNotifier(config(kv), RecordingLogger.into(log));
        notifiers.add(n);
        return n;
    }

    /** A script that prints each argument in brackets, so word boundaries show. */
    private Path brackets(String tag, Path out) {
        return script(dir, tag + ".sh", "{ printf '" + tag + " '; for a in \"$@\"; do printf '[%s]' \"$a\"; done; echo; } >> "
                + out);
    }

    @Test
    void rapidFlappingReachesTheScriptsInOrderEachScriptAfterThePreviousEnded() throws Exception {
        Path out = dir.resolve("out");
        // the master script is the slower one: were scripts not waited for, a backup would overtake it
        Path master = script(dir, "master.sh", "sleep 0.01; echo \"master $*\" >> " + out);
        ScriptNotifier n = notifier("notifyMaster", master.toString(), "notifyBackup",
                recorder(dir, "backup", out).toString(), "notify$", recorder(dir, "notify", out).toString());
        List<Future<?>> done = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            NotifyState to = i % 2 == 0 ? NotifyState.MASTER : NotifyState.BACKUP;
            NotifyState from = i % 2 == 0 ? NotifyState.BACKUP : NotifyState.MASTER;
            int priority = 1 + i;
            long seq = i + 1;
            done.add(worker.submit(() -> {
                n.deliver(instance("VI_1", from, to, priority, seq));
                return null;
            }));
            expected.add(to.name().toLowerCase() + " ");
            expected.add("notify INSTANCE VI_1 " + to + " " + priority);
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertThat(lines(out)).containsExactlyElementsOf(expected);
        assertThat(log).isEmpty();
    }

    @Test
    void genericNotifyGetsItsOwnWordsThenKeepalivedsFourArguments() throws Exception {
        Path out = dir.resolve("out");
        ScriptNotifier n = notifier("notifyArgv", new String[] {brackets("notify", out).toString(), "two words"});
        n.deliver(group("G1", NotifyState.MASTER, NotifyState.BACKUP, 1));
        n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.FAULT, 0, 2));
        n.deliver(instance("VI_1", NotifyState.FAULT, NotifyState.STOP, 0, 3));
        assertThat(lines(out)).containsExactly("notify [two words][GROUP][G1][BACKUP][0]",
                "notify [two words][INSTANCE][VI_1][FAULT][0]", "notify [two words][INSTANCE][VI_1][STOP][0]");
    }

    @Test
    void aLowerPriorityAdvertRunsNotifyMasterRxLowerPriWithItsOwnWordsOnly() throws Exception {
        Path out = dir.resolve("out");
        ScriptNotifier n = notifier("notifyMasterRxLowerPriArgv",
                new String[] {brackets("lower", out).toString(), "restore ip"}, "notify$",
                recorder(dir, "notify", out).toString(), "vigil_notify_events",
                new String[] {"STATE", "MASTER_RX_LOWER_PRI"});
        n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1));
        n.deliver(event(Notification.Event.MASTER_RX_LOWER_PRI, "VI_1", NotifyState.MASTER, 100, 1));
        n.deliver(event(Notification.Event.MASTER_RX_LOWER_PRI, "VI_1", NotifyState.MASTER, 100, 2));
        n.deliver(event(Notification.Event.PRIORITY, "VI_1", NotifyState.MASTER, 90, 1));
        assertThat(lines(out)).containsExactly("notify INSTANCE VI_1 MASTER 100", "lower [restore ip]",
                "lower [restore ip]");
        assertThat(log).isEmpty();
    }

    @Test
    void theConfigurationNotTheComponentAsksForLowerPriorityAdverts() throws IOException {
        // the DS descriptor bnd generated: no events of its own, so without the property only state changes come
        String descriptor = Files.readString(
                Path.of("target/classes/OSGI-INF/dev.vigil.notify.script.internal.ScriptNotifier.xml"));
        assertThat(descriptor).doesNotContain("vigil.notify.events");

        notifier("notifyMasterRxLowerPri", "/bin/true", "vigil_notify_events", new String[] {"STATE"});
        assertThat(log).containsExactly("WARN notifier script:instance:VI_1: notify_master_rx_lower_pri is configured "
                + "but vigil.notify.events does not list MASTER_RX_LOWER_PRI: it will not run");
        log.clear();
        notifier("notifyMasterRxLowerPri", "/bin/true", "vigil_notify_events",
                new String[] {"STATE", "MASTER_RX_LOWER_PRI"});
        notifier("notifyMaster", "/bin/true");
        assertThat(log).isEmpty();
    }

    @Test
    void deletedWithoutNotifyDeletedTellsTheGenericScriptFault() throws Exception {
        Path out = dir.resolve("out");
        ScriptNotifier n = notifier("notifyFault", recorder(dir, "fault", out).toString(), "notify$",
                recorder(dir, "notify", out).toString());
        n.deliver(instance("VI_1", NotifyState.MASTER, NotifyState.DELETED, 100, 1));
        assertThat(lines(out)).containsExactly("notify INSTANCE VI_1 FAULT 100");
    }

    @Test
    void hungScriptIsEndedAtItsTimeoutWithEverythingItStartedAndTheNextScriptStillRuns() throws Exception {
        Path out = dir.resolve("out");
        Path pidFile = dir.resolve("pids");
        Path hang = script(dir, "hang.sh", "trap '' TERM\n"
                + "sleep 300 & echo $! >> " + pidFile + "\n"
                + "echo $$ >> " + pidFile + "\n"
                + "while true; do sleep 1; done");
        ScriptNotifier n = notifier("notifyMaster", hang.toString(), "notify$", recorder(dir, "notify", out).toString(),
                "timeoutMillis", 300);
        try {
            assertThatThrownBy(() -> n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1)))
                    .isInstanceOf(ScriptNotifyException.class).hasMessage("notify_master timed out after 300 ms");
        } finally {
            pids.addAll(TestScripts.lines(pidFile).stream().map(Long::parseLong).toList());
        }
        assertThat(pids).hasSize(2);
        long sid = pids.get(1);
        assertThat(ProcFs.sessionMembers(sid)).as("nothing of the script's session left").isEmpty();
        assertThat(pids).noneMatch(pid -> ProcFs.stat(pid).filter(s -> s.state() != 'Z').isPresent());
        assertThat(lines(out)).containsExactly("notify INSTANCE VI_1 MASTER 100");
        assertThat(log).contains("WARN (VI_1) notify_master: " + hang + " timed out");
    }

    @Test
    void stopScriptsGetAtMostOneSecondAsKeepalivedGivesThem() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path hang = script(dir, "stop.sh", "echo $$ > " + pidFile + "; exec sleep 300");
        ScriptNotifier n = notifier("notifyStop", hang.toString());
        try {
            assertThatThrownBy(() -> n.deliver(instance("VI_1", NotifyState.MASTER, NotifyState.STOP, 100, 1)))
                    .hasMessage("notify_stop timed out after 1000 ms");
        } finally {
            pids.addAll(TestScripts.lines(pidFile).stream().map(Long::parseLong).toList());
        }
        assertThat(ProcFs.sessionMembers(pids.get(0))).isEmpty();
    }

    @Test
    void missingCommandIsLoggedOnceAndCountsAsFailedAfterTheGenericScriptRan() throws Exception {
        Path out = dir.resolve("out");
        String missing = dir.resolve("no-such-script.sh").toString();
        ScriptNotifier n = notifier("notifyMaster", missing, "notify$", recorder(dir, "notify", out).toString());
        String why = "Script " + missing + " cannot be accessed - No such file or directory";
        for (int i = 1; i <= 3; i++) {
            long seq = i;
            assertThatThrownBy(() -> n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, seq)))
                    .isInstanceOf(ScriptNotifyException.class).hasMessage("notify_master not run: " + why);
        }
        assertThat(lines(out)).hasSize(3);
        assertThat(log).containsExactly("WARN (VI_1) notify_master: " + why + " - not run");

        script(dir, "no-such-script.sh", "exit 0");
        n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 4));
        assertThat(log).contains("INFO (VI_1) notify_master: script can be run again");
    }

    @Test
    void aModifiedConfigurationAppliesFromTheNextNotification() throws Exception {
        Path out = dir.resolve("out");
        ScriptNotifier n = notifier("notifyMaster", recorder(dir, "old", out).toString());
        n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1));
        n.modified(config("notifyMaster", recorder(dir, "new", out).toString(), "notify$",
                recorder(dir, "notify", out).toString()));
        n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 2));
        assertThat(lines(out)).containsExactly("old ", "new ", "notify INSTANCE VI_1 MASTER 100");
    }

    @Test
    void nonZeroExitIsLoggedButTheScriptHadTheNotification() throws Exception {
        Path fails = script(dir, "fails.sh", "exit 3");
        ScriptNotifier n = notifier("notifyBackup", fails.toString());
        n.deliver(instance("VI_1", NotifyState.MASTER, NotifyState.BACKUP, 100, 1));
        assertThat(log).containsExactly("INFO (VI_1) notify_backup: " + fails + " exited with status 3");
    }

    @Test
    void deactivateEndsARunningScriptAndItsDeliveryFails() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path hang = script(dir, "hang.sh", "echo $$ > " + pidFile + "; exec sleep 300");
        ScriptNotifier n = notifier("notifyMaster", hang.toString());
        Future<?> delivery = worker.submit(() -> {
            n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1));
            return null;
        });
        for (int i = 0; i < 1000 && lines(pidFile).isEmpty(); i++) {
            Thread.sleep(10);
        }
        pids.addAll(lines(pidFile).stream().map(Long::parseLong).toList());
        assertThat(pids).hasSize(1);
        n.deactivate();
        assertThatThrownBy(() -> delivery.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ScriptNotifyException.class).hasMessageContaining("notify_master stopped");
        assertThat(ProcFs.sessionMembers(pids.get(0))).isEmpty();
    }

    @Test
    void scriptSecurityRefusesAnUnsafeScriptRunAsRoot() throws Exception {
        assumeTrue(Recorders.root(), "needs root: script security applies to scripts run as root");
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("out");
        Path unsafe = recorder(open, "master", out);
        ScriptNotifier n = notifier("notifyMaster", unsafe.toString(), "notify$", recorder(dir, "notify", out).toString(),
                "user", "root", "enableScriptSecurity", true);
        assertThatThrownBy(() -> n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1)))
                .isInstanceOf(ScriptNotifyException.class).hasMessageStartingWith(
                        "notify_master not run: Unsafe permissions found for script '" + unsafe + "' (" + open + ")");
        assertThat(lines(out)).as("only the safe generic script ran").containsExactly("notify INSTANCE VI_1 MASTER 100");
        assertThat(log).hasSize(1).allMatch(l -> l.startsWith("WARN (VI_1) notify_master: Unsafe permissions found"));

        // without enable_script_security it runs, and keepalived's warnings are logged once
        ScriptNotifier lax = notifier("notifyMaster", unsafe.toString(), "user", "root");
        lax.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 2));
        lax.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 3));
        assertThat(lines(out)).endsWith("master ", "master ");
        assertThat(log.stream().filter(l -> l.contains("SECURITY VIOLATION"))).hasSize(1);
    }

    @Test
    void unknownUserRefusesEveryScriptAndSaysSoAtConfiguration() throws IOException {
        Path out = dir.resolve("out");
        ScriptNotifier n = notifier("notify$", recorder(dir, "notify", out).toString(), "user", "no-such-user-vigil",
                "vigil_config_origin", "/etc/keepalived/keepalived.conf:40");
        assertThat(log).containsExactly("ERROR notifier script:instance:VI_1 (/etc/keepalived/keepalived.conf:40): "
                + "Invalid user/group for script " + dir.resolve("notify.sh")
                + ": no user no-such-user-vigil; its scripts will not run");
        assertThatThrownBy(() -> n.deliver(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1)))
                .isInstanceOf(ScriptNotifyException.class);
        assertThat(lines(out)).isEmpty();
    }
}
