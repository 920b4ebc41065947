package dev.vigil.notify.fifo.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.script.support.ScriptLauncher;
import dev.vigil.script.support.Sessions;

/**
 * A notify_fifo_script: started once, with the FIFO's path as its last argument, and left
 * running (keepalived gives it no timeout) until the notifier stops, which ends its whole
 * session.
 */
final class FifoScript {

    /** SIGTERM to SIGKILL when stopping it, keepalived's 2 s. */
    static final long TERM_GRACE_MILLIS = 2000;

    private final Process process;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private FifoScript(Process process) {
        this.process = process;
    }

    /** @param onExit told when the script ends before {@link #stop()} */
    static FifoScript start(ScriptLauncher launcher, ScriptLauncher.Command command, Runnable onExit)
            throws IOException {
        FifoScript script = new FifoScript(launcher.start(command));
        script.process.onExit().thenRun(() -> {
            if (!script.stopping.get()) {
                onExit.run();
            }
        });
        return script;
    }

    long pid() {
        return process.pid();
    }

    /** From now on its end is expected: not reported (closing the FIFO may end a reader at once). */
    void expectEnd() {
        stopping.set(true);
    }

    /**
     * Ends the script and everything of its session; waits for it a bounded time.
     *
     * @return false when it survived SIGKILL
     */
    boolean stop() throws InterruptedException {
        stopping.set(true);
        if (!process.isAlive()) {
            Sessions.reap(process.pid());
            return true;
        }
        return Sessions.end(process, TERM_GRACE_MILLIS);
    }
}
