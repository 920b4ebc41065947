package dev.vigil.tracker.script.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.Sessions;

/**
 * One {@code vrrp_script}, run as keepalived runs it ({@code vrrp_script_thread()} and
 * {@code vrrp_script_child_thread()} in keepalived/vrrp/vrrp_scheduler.c):
 * <ul>
 * <li>a run every interval, the first at once; a run still going when the next is due is not
 * doubled ("Track script NAME is already running, expect idle - skipping run");</li>
 * <li>exit status 0 is a success, anything else a failure; a run past its timeout gets SIGTERM,
 * and SIGKILL {@link Settings#termGraceNanos} later, sent to every process of its session (the
 * script, its children, their children), and counts as {@code timed_out};</li>
 * <li>rise/fall as keepalived counts them: a script starts one result short of either side
 * (its first result decides), or as failed with {@code init_fail} (it needs {@code rise}
 * successes); {@code VRRP_Script(NAME) succeeded|failed|timed_out} is logged on each change;</li>
 * <li>a script that cannot be run (not found, not executable, refused as insecure, its user
 * unknown) counts as a failed run and the reason is logged once.</li>
 * </ul>
 * All state lives on the shared scheduler's thread: no locks. {@link #status()} and
 * {@link #subscribe} may be called from any thread. Nothing blocks that thread: a process's end
 * arrives as an event ({@link Process#onExit()}).
 */
final class ScriptCheck implements AutoCloseable {

    static final long DEFAULT_TERM_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long STUCK_RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long REAP_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int REAP_RETRIES = 20;

    /**
     * @param runAs who runs the script; null when that could not be settled ({@code refusal} says why)
     * @param termGraceNanos SIGTERM to SIGKILL on a timeout (keepalived: 2 s)
     */
    record Settings(String name, List<String> argv, long intervalNanos, long timeoutNanos, int rise, int fall,
            boolean initFail, ScriptLauncher.RunAs runAs, String refusal, boolean scriptSecurity,
            long termGraceNanos) {
        Settings {
            Objects.requireNonNull(name, "name");
            argv = List.copyOf(argv);
            intervalNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), intervalNanos);
            timeoutNanos = timeoutNanos > 0 ? timeoutNanos : intervalNanos;
            rise = Math.max(1, rise);
            fall = Math.max(1, fall);
        }
    }

    interface Log {
        void info(String message);

        void warn(String message);
    }

    private enum Phase { RUNNING, TERMINATING, KILLING }

    /** One run of the script; touched on the scheduler thread only. */
    private static final class Run {
        final Process process;
        final long pid;
        final long startedNanos;
        Phase phase = Phase.RUNNING;
        Future<?> timer;

        Run(Process process, long startedNanos) {
            this.process = process;
            this.pid = process.pid();
            this.startedNanos = startedNanos;
        }
    }

    private enum Result { SUCCEEDED, FAILED, TIMED_OUT }

    private final ScheduledExecutorService scheduler;
    private final ScriptLauncher launcher;
    private final Log log;
    private final List<Consumer<TrackStatus>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong runs = new AtomicLong();

    // scheduler thread only
    private Settings settings;
    private Future<?> nextTick;
    private Run running;
    private boolean closed;
    /** keepalived's vscript->result: 0..rise+fall-1; up from rise on. */
    private int result;
    /** keepalived's init state: the first result decides, whichever it is. */
    private boolean initial;
    private int lastExitStatus;
    private String lastRefusal;
    private String lastWarning;
    private String lastResolved;

    private volatile TrackStatus status;

    ScriptCheck(Settings settings, ScheduledExecutorService scheduler, ScriptLauncher launcher, Log log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.log = Objects.requireNonNull(log, "log");
        if (settings.initFail()) {
            result = 0;
            initial = false;
            status = new TrackStatus(false, OptionalInt.empty(), "init_fail: failed until it succeeds", Instant.now());
        } else {
            result = settings.rise() - 1;
            initial = true;
            status = TrackStatus.PENDING;
        }
    }

    /** Runs the script now and then every interval. */
    void start() {
        submit(this::tick);
    }

    /** New settings from a modified configuration: the next run uses them; rise/fall keep the verdict. */
    void update(Settings next) {
        submit(() -> {
            Settings old = settings;
            settings = next;
            if (!initial) {
                result = status.up() ? next.rise() + next.fall() - 1 : 0;
            } else {
                result = next.rise() - 1;
            }
            if (old.intervalNanos() != next.intervalNanos() && nextTick != null && running == null) {
                nextTick.cancel(false);
                nextTick = schedule(this::tick, next.intervalNanos());
            }
        });
    }

    TrackStatus status() {
        return status;
    }

    AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** How many times the script was started (for tests and status). */
    long runs() {
        return runs.get();
    }

    /**
     * Stops the schedule and kills a run in progress (its whole session, SIGKILL), waiting at
     * most {@code waitMillis} for it to be gone. Callable from any thread.
     */
    @Override
    public void close() {
        close(1000);
    }

    void close(long waitMillis) {
        Process[] toWait = new Process[1];
        try {
            scheduler.submit(() -> {
                closed = true;
                if (nextTick != null) {
                    nextTick.cancel(false);
                }
                Run r = running;
                if (r != null) {
                    if (r.timer != null) {
                        r.timer.cancel(false);
                    }
                    Sessions.signal(r.process, r.pid, true);
                    toWait[0] = r.process;
                }
            }).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // scheduler gone or busy: nothing more we can stop from here
        }
        Process p = toWait[0];
        if (p != null) {
            try {
                if (p.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                    Sessions.signal(null, p.pid(), true); // its children, now that the leader is gone
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ scheduler thread

    private void tick() {
        if (closed) {
            return;
        }
        Settings s = settings;
        nextTick = schedule(this::tick, s.intervalNanos());
        if (running != null) {
            log.info("Track script " + s.name() + " is "
                    + (running.phase == Phase.RUNNING ? "already running" : "being timed out") + ", expect idle - skipping run");
            return;
        }
        ScriptLauncher.Prepared prepared = s.runAs() == null
                ? new ScriptLauncher.Refused(s.refusal())
                : launcher.prepare(s.argv(), s.runAs(), s.scriptSecurity());
        if (prepared instanceof ScriptLauncher.Refused refused) {
            if (!refused.reason().equals(lastRefusal)) {
                lastRefusal = refused.reason();
                log.warn("VRRP_Script(" + s.name() + ") cannot be run: " + refused.reason() + "; it counts as failed");
            }
            result(s, Result.FAILED, "cannot run: " + refused.reason());
            return;
        }
        ScriptLauncher.Command command = (ScriptLauncher.Command) prepared;
        if (lastRefusal != null) {
            log.info("VRRP_Script(" + s.name() + ") can be run again");
            lastRefusal = null;
        }
        if (!command.resolved().equals(s.argv().get(0)) && !command.resolved().equals(lastResolved)) {
            log.info("WARNING - script `" + s.argv().get(0) + "` resolved by path search to `" + command.resolved()
                    + "`. Please specify full path.");
        }
        lastResolved = command.resolved();
        if (command.warning() != null && !command.warning().equals(lastWarning)) {
            log.warn(command.warning() + ".");
            log.warn("SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts.");
        }
        lastWarning = command.warning();
        Process process;
        try {
            process = launcher.start(command);
        } catch (IOException | RuntimeException e) {
            String why = "cannot start " + command.resolved() + ": " + e.getMessage();
            if (!why.equals(lastRefusal)) {
                lastRefusal = why;
                log.warn("VRRP_Script(" + s.name() + ") " + why + "; it counts as failed");
            }
            result(s, Result.FAILED, why);
            return;
        }
        runs.incrementAndGet();
        Run run = new Run(process, System.nanoTime());
        running = run;
        run.timer = schedule(() -> timedOut(run), s.timeoutNanos());
        process.onExit().whenComplete((p, error) -> submit(() -> exited(run)));
    }

    private void timedOut(Run run) {
        if (running != run || run.phase != Phase.RUNNING) {
            return;
        }
        run.phase = Phase.TERMINATING;
        Sessions.signal(run.process, run.pid, false);
        run.timer = schedule(() -> forceKill(run), settings.termGraceNanos());
    }

    private void forceKill(Run run) {
        if (running != run) {
            return;
        }
        if (run.phase == Phase.KILLING) {
            log.warn("Script " + settings.name() + " child (PID " + run.pid + ") failed to terminate after kill");
        }
        run.phase = Phase.KILLING;
        Sessions.signal(run.process, run.pid, true);
        run.timer = schedule(() -> forceKill(run), STUCK_RETRY_NANOS);
    }

    private void exited(Run run) {
        if (running != run) {
            return;
        }
        running = null;
        if (run.timer != null) {
            run.timer.cancel(false);
        }
        Settings s = settings;
        if (run.phase != Phase.RUNNING) {
            // keepalived's kill(-pid, SIGKILL) once the script is gone: nothing of it may stay
            reap(run.pid, REAP_RETRIES);
            if (!closed) {
                result(s, Result.TIMED_OUT, "timed out after " + seconds(s.timeoutNanos()));
            }
            return;
        }
        if (closed) {
            return;
        }
        int code = run.process.exitValue();
        if (code != lastExitStatus) {
            log.info("Script `" + s.name() + "` now returning " + code);
        }
        lastExitStatus = code;
        result(s, code == 0 ? Result.SUCCEEDED : Result.FAILED,
                code == 0 ? "exit status 0" : "exited with status " + code);
    }

    /** Kills what is left of a timed-out script's session until nothing is, a bounded number of times. */
    private void reap(long sid, int retries) {
        if (Sessions.signal(null, sid, true) > 0 && retries > 0) {
            schedule(() -> reap(sid, retries - 1), REAP_RETRY_NANOS);
        }
    }

    /** keepalived's rise/fall counting; publishes and logs a change of verdict. */
    private void result(Settings s, Result r, String detail) {
        int rise = s.rise();
        int fall = s.fall();
        if (r == Result.SUCCEEDED) {
            if (result < rise - 1) {
                result++;
            } else if (result != rise + fall - 1) {
                if (result < rise) {
                    log.info("VRRP_Script(" + s.name() + ") succeeded");
                    publish(true, detail);
                }
                result = rise + fall - 1;
            }
        } else {
            if (result > rise) {
                result--;
            } else {
                if (result == rise || initial) {
                    String type = r == Result.TIMED_OUT ? "timed_out" : "failed";
                    log.info("VRRP_Script(" + s.name() + ") " + type + (r == Result.FAILED ? " (" + detail + ")" : ""));
                    publish(false, detail);
                }
                result = 0;
            }
        }
        initial = false;
    }

    private void publish(boolean up, String detail) {
        TrackStatus next = new TrackStatus(up, OptionalInt.empty(), detail, Instant.now());
        status = next;
        for (Consumer<TrackStatus> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                log.warn("VRRP_Script(" + settings.name() + ") listener failed: " + e);
            }
        }
    }

    private Future<?> schedule(Runnable task, long delayNanos) {
        try {
            return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void submit(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // the runtime is shutting down
        }
    }

    private static String seconds(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
