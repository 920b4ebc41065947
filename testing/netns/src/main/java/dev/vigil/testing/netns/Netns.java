package dev.vigil.testing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Static helpers: the root assumption and bounded command execution. */
public final class Netns {

    public static final String SKIP_MESSAGE = "needs root and iproute2 (network namespaces): skipped";

    private Netns() {
    }

    /** Skips the calling test (JUnit assumption) unless we are root and {@code ip} runs. */
    public static void assumeRoot() {
        Assumptions.assumeTrue(usable(), SKIP_MESSAGE);
    }

    /** Whether network-namespace tests can run here: effective uid 0 and iproute2 present. */
    public static boolean usable() {
        return isRoot() && ipWorks();
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean ipWorks() {
        try {
            return run(Duration.ofSeconds(5), "ip", "-V").ok();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs a command in the current (root) namespace to completion, at most {@code timeout};
     * on timeout it is killed with its descendants and the result says {@code timedOut}.
     */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, Arrays.asList(command));
    }

    public static Result run(Duration timeout, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("vigil-netns-out", ".txt");
            err = Files.createTempFile("vigil-netns-err", ".txt");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return new Result(String.join(" ", command), 127, "", e.getMessage(), false);
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                ProcessTree.kill(p.toHandle(), Duration.ofSeconds(2));
            }
            return new Result(String.join(" ", command), done ? p.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), !done);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** {@code ip netns exec NS command...} as one argument list. */
    static List<String> inNamespace(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** The namespace names {@code ip netns list} shows now. */
    public static List<String> list() {
        Result r = run(Duration.ofSeconds(10), "ip", "netns", "list").orThrow();
        List<String> names = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                names.add(name.split("\\s+")[0]);
            }
        }
        return names;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
