package com.example.vigil.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The check itself, free of OSGi: a heartbeat file is healthy when it was modified at most
 * {@code maxAge} ago and, if {@code contains} is set, its first 4 KiB contain that text.
 */
final class HeartbeatProbe {

    /** A verdict and why. */
    record Result(boolean healthy, String detail) {
    }

    private static final int READ_LIMIT = 4096;

    private final Path file;
    private final Duration maxAge;
    private final String contains;

    HeartbeatProbe(Path file, Duration maxAge, String contains) {
        this.file = file;
        this.maxAge = maxAge;
        this.contains = contains == null || contains.isEmpty() ? null : contains;
    }

    Result check(Instant now) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            Duration age = Duration.between(modified, now);
            if (age.compareTo(maxAge) > 0) {
                return new Result(false, file + " is " + age.toSeconds() + " s old (max_age " + maxAge.toSeconds() + " s)");
            }
            if (contains != null) {
                byte[] head;
                try (var in = Files.newInputStream(file)) {
                    head = in.readNBytes(READ_LIMIT);
                }
                if (!new String(head, StandardCharsets.UTF_8).contains(contains)) {
                    return new Result(false, file + " does not contain \"" + contains + "\"");
                }
            }
            return new Result(true, file + " is fresh");
        } catch (NoSuchFileException e) {
            return new Result(false, file + " does not exist");
        } catch (IOException e) {
            return new Result(false, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
