package dev.vigil.script.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Runs prepared commands and waits for each to end, never longer than its timeout: past it the
 * script's whole session is ended ({@link Sessions#end}). For callers that want a script's end
 * before they go on (notifications in order); {@link #close()} ends a run in progress from any
 * thread and refuses further runs.
 */
public final class ScriptRunner implements AutoCloseable {

    /** How a run ended. */
    public enum Ending {
        /** The script exited (or died of a signal) on its own. */
        EXITED,
        /** It was still running at its timeout; its session was ended. */
        TIMED_OUT,
        /** {@link #close()} ended it. */
        STOPPED
    }

    /**
     * @param exitStatus the exit status (128+N for death by signal N) when {@link Ending#EXITED}
     * @param unkillable the script survived SIGKILL (stuck in the kernel): it may still be there
     */
    public record Outcome(Ending ending, long pid, int exitStatus, boolean unkillable) {
    }

    private final ScriptLauncher launcher;
    private final Object lock = new Object();
    private Process current;
    private boolean closed;

    public ScriptRunner(ScriptLauncher launcher) {
        this.launcher = launcher;
    }

    public ScriptLauncher launcher() {
        return launcher;
    }

    /**
     * Starts {@code command} and waits for it.
     *
     * @param termGraceMillis after the timeout, SIGTERM to SIGKILL; 0 = SIGKILL at once
     * @throws IOException it could not be started, or this runner is closed
     * @throws InterruptedException the waiting thread was interrupted: the script's session was killed
     */
    public Outcome run(ScriptLauncher.Command command, long timeoutMillis, long termGraceMillis)
            throws IOException, InterruptedException {
        Process process;
        synchronized (lock) {
            if (closed) {
                throw new IOException("stopped");
            }
            process = launcher.start(command);
            current = process;
        }
        long pid = process.pid();
        try {
            if (process.waitFor(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS)) {
                if (isClosed()) {
                    Sessions.reap(pid);
                    return new Outcome(Ending.STOPPED, pid, process.exitValue(), false);
                }
                return new Outcome(Ending.EXITED, pid, process.exitValue(), false);
            }
            boolean gone = Sessions.end(process, termGraceMillis);
            return new Outcome(isClosed() ? Ending.STOPPED : Ending.TIMED_OUT, pid, -1, !gone);
        } catch (InterruptedException e) {
            Sessions.signal(process, pid, true);
            throw e;
        } finally {
            synchronized (lock) {
                current = null;
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Kills a run in progress (its whole session) and refuses new ones; does not wait. */
    @Override
    public void close() {
        Process running;
        synchronized (lock) {
            closed = true;
            running = current;
        }
        if (running != null) {
            Sessions.signal(running, running.pid(), true);
        }
    }
}
