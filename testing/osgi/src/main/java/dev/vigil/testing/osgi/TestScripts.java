package dev.vigil.testing.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * For the tests of bundles that run scripts (trackers, notifiers): executable scripts in a
 * directory, the PIDs they record, whether a process is still there, waiting with a bound.
 */
public final class TestScripts {

    private TestScripts() {
    }

    /** Writes an executable shell script (mode 755) {@code #!/bin/sh} + body. */
    public static Path script(Path dir, String name, String body) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls every 10 ms until the condition holds (true) or the timeout passed (false). */
    public static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether the process exists and is not a zombie (its /proc stat state is not Z). */
    public static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the state follows the command name, which is in parentheses and may hold spaces
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** The PIDs a script wrote to {@code file}, one a line; empty while it does not exist. */
    public static List<Long> pids(Path file) {
        return lines(file).stream().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
    }

    /** The file's lines; empty while it does not exist. */
    public static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to each PID still alive: a test's own cleanup, by PID. */
    public static void kill(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Whether the tests run as root (effective uid 0, from /proc/self/status). */
    public static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            // not Linux: not root as far as these tests care
        }
        return false;
    }

    /**
     * Creates {@code parent/name} with mode {@code rwxr-xr-x}-style {@code mode}; a trailing
     * {@code t} (e.g. {@code rwxrwxrwxt}) also sets the sticky bit.
     */
    public static Path directory(Path parent, String name, String mode) throws IOException {
        Path d = Files.createDirectory(parent.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode.substring(0, 9)));
        if (mode.endsWith("t")) {
            run("chmod", "+t", d.toString());
        }
        return d;
    }

    /** Runs a command to completion (10 s at most); fails the test with its output unless it exits 0. */
    public static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + ": " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Deletes a directory tree a test made (null: nothing). */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
