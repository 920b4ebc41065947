package dev.vigil.testing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A process started in a namespace, its stdout and stderr going to a log file. Ended only by its
 * own PID: {@link #signal(String)} and {@link #stop(Duration)}.
 */
public final class Proc implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String description;

    Proc(Process process, Path log, String description) {
        this.process = process;
        this.log = log;
        this.description = description;
    }

    /** The PID; {@code ip netns exec} execs the command, so this is the command's own PID. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Sends a signal by PID ({@code kill -s SIG PID}); {@code sig} is e.g. "TERM", "KILL", "HUP", "USR1". */
    public void signal(String sig) {
        if (!sig.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("signal name expected, got " + sig);
        }
        Netns.run(Duration.ofSeconds(5), "kill", "-s", sig, Long.toString(pid()));
    }

    /** Waits at most {@code timeout} for it to exit; true when it has. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The exit code; only meaningful once {@link #alive()} is false. */
    public int exitCode() {
        return process.exitValue();
    }

    /** TERM to it and its descendants, KILL after {@code grace}; waits (bounded) until they are gone. */
    public void stop(Duration grace) {
        ProcessTree.kill(process.toHandle(), grace);
        waitFor(Duration.ofSeconds(5));
    }

    public Path logFile() {
        return log;
    }

    /** What it has written so far (stdout and stderr interleaved). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the log (10 ms) until it contains {@code text}, at most {@code timeout}. */
    public boolean waitForLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (log().contains(text)) {
                return true;
            }
            if (System.nanoTime() >= deadline || !alive() && !log().contains(text)) {
                return log().contains(text);
            }
            ProcessTree.sleep(10);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return description + " (pid " + pid() + ")";
    }
}
