package com.example.vigil.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatProbeTest {

    @Test
    void freshFileIsHealthyStaleOrMissingOrWrongIsNot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("beat");
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        HeartbeatProbe probe = new HeartbeatProbe(f, Duration.ofSeconds(10), "OK");
        assertEquals(new HeartbeatProbe.Result(false, f + " does not exist"), probe.check(now));

        Files.writeString(f, "status OK\n");
        Files.setLastModifiedTime(f, FileTime.from(now.minusSeconds(3)));
        assertTrue(probe.check(now).healthy());

        Files.setLastModifiedTime(f, FileTime.from(now.minusSeconds(30)));
        assertEquals(new HeartbeatProbe.Result(false, f + " is 30 s old (max_age 10 s)"), probe.check(now));

        Files.writeString(f, "status DEGRADED\n");
        Files.setLastModifiedTime(f, FileTime.from(now));
        assertFalse(probe.check(now).healthy());
        assertTrue(new HeartbeatProbe(f, Duration.ofSeconds(10), null).check(now).healthy());
    }

    @Test
    void paramsArriveAsStrings() {
        assertEquals(500, HeartbeatTracker.seconds("0.5", 10));
        assertEquals(10_000, HeartbeatTracker.seconds(null, 10));
        assertEquals(3, HeartbeatTracker.integer("3", 1));
        assertEquals(2000, HeartbeatTracker.integer(2000, 1));
    }
}
