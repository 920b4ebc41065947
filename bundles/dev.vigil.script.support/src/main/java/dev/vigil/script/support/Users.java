package dev.vigil.script.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * User and group names to ids, as getpwnam/getgrnam see them: {@code getent} (so NSS sources
 * count), else /etc/passwd and /etc/group. Called when a configuration is applied, never per run.
 */
public final class Users {

    public record Account(String name, int uid, int gid) {
    }

    private Users() {
    }

    public static Optional<Account> user(String name) {
        return lookup("passwd", Path.of("/etc/passwd"), name)
                .filter(f -> f.length >= 4)
                .map(f -> new Account(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
    }

    public static Optional<Integer> group(String name) {
        return lookup("group", Path.of("/etc/group"), name).filter(f -> f.length >= 3)
                .map(f -> Integer.parseInt(f[2]));
    }

    private static Optional<String[]> lookup(String database, Path file, String name) {
        if (name == null || name.isBlank() || name.contains(":") || name.contains("\n")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("getent", database, name)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (p.waitFor(5, TimeUnit.SECONDS)) {
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    // exit 2: no such entry
                    return p.exitValue() == 0 && !out.isEmpty() ? parse(out.split("\n")[0], name) : Optional.empty();
                }
                p.destroyForcibly();
            } finally {
                p.getInputStream().close();
            }
        } catch (IOException e) {
            // no getent: read the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                Optional<String[]> f = parse(line, name);
                if (f.isPresent()) {
                    return f;
                }
            }
        } catch (IOException e) {
            // nothing to read
        }
        return Optional.empty();
    }

    private static Optional<String[]> parse(String line, String name) {
        String[] f = line.split(":", -1);
        if (f.length < 3 || !f[0].equals(name)) {
            return Optional.empty();
        }
        try {
            Integer.parseInt(f[2]);
            if (f.length >= 4 && database(f)) {
                Integer.parseInt(f[3]);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /** A passwd line has a numeric gid in the 4th field; a group line has members there. */
    private static boolean database(String[] f) {
        return f.length >= 7;
    }
}
