package dev.vigil.tracker.file.internal;

import dev.vigil.testing.osgi.TestScripts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.track.TrackStatus;

/** Real files, real inotify. */
class FileCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final FileRuntime runtime = new FileRuntime();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private FileCheck check;

    @AfterEach
    void stop() throws InterruptedException {
        if (check != null) {
            check.close();
        }
        runtime.deactivate();
    }

    private BlockingQueue<TrackStatus> start(Path file, long intervalMillis) {
        check = new FileCheck(new FileCheck.Settings("prio", file, TimeUnit.MILLISECONDS.toNanos(intervalMillis)), runtime,
                new FileCheck.Log() {
                    @Override
                    public void info(String message) {
                        log.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.add("WARN " + message);
                    }
                });
        BlockingQueue<TrackStatus> q = new LinkedBlockingQueue<>();
        check.subscribe(q::add);
        check.start();
        return q;
    }

    private static int next(BlockingQueue<TrackStatus> q) throws InterruptedException {
        TrackStatus s = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(s).as("a value within %s", WAIT).isNotNull();
        assertThat(s.up()).isTrue();
        return s.value().orElseThrow();
    }

    @Test
    void valueFollowsWritesRenamesAndDeletion() throws Exception {
        Path f = Files.writeString(dir.resolve("prio"), "5\n");
        // a long interval: only the change notices can explain the quick updates below
        BlockingQueue<TrackStatus> q = start(f, 60_000);
        assertThat(next(q)).isEqualTo(5);
        assertThat(check.status().detail()).isEqualTo(f + " value 5");

        Files.writeString(f, "-20\n");
        assertThat(next(q)).isEqualTo(-20);

        Path tmp = Files.writeString(dir.resolve("prio.tmp"), "0x10\n");
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(next(q)).isEqualTo(16);

        Files.delete(f);
        assertThat(next(q)).as("a deleted file reads 0").isZero();
        assertThat(check.status().detail()).isEqualTo(f + " missing: 0");

        Files.writeString(f, "3");
        assertThat(next(q)).isEqualTo(3);
        assertThat(q.poll(200, TimeUnit.MILLISECONDS)).as("one notice per change").isNull();
    }

    @Test
    void invalidNumberIsIgnoredAndLoggedOnce() throws Exception {
        Path f = Files.writeString(dir.resolve("prio"), "7");
        BlockingQueue<TrackStatus> q = start(f, 50);
        assertThat(next(q)).isEqualTo(7);
        Files.writeString(f, "99999999999");
        assertThat(q.poll(500, TimeUnit.MILLISECONDS)).as("the previous value stays").isNull();
        assertThat(check.status().value()).hasValue(7);
        assertThat(log).containsExactly("WARN Invalid number 99999999999 read from " + f + " - ignoring");
        Files.writeString(f, "8");
        assertThat(next(q)).isEqualTo(8);
    }

    @Test
    void missingDirectoryIsPolledAndWatchedOnceItExists() throws Exception {
        Path sub = dir.resolve("later");
        Path f = sub.resolve("prio");
        BlockingQueue<TrackStatus> q = start(f, 100);
        assertThat(next(q)).isZero();
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).startsWith("WARN Track file prio: cannot watch " + sub);
        Files.createDirectories(sub);
        Files.writeString(f, "4");
        assertThat(next(q)).isEqualTo(4);
        assertThat(TestScripts.await(() -> log.contains("Track file prio: watching " + sub + " again"), WAIT)).isTrue();

        // the directory removed and made again: still followed
        Files.delete(f);
        assertThat(next(q)).isZero();
        Files.delete(sub);
        Files.createDirectories(sub);
        Files.writeString(f, "9");
        assertThat(next(q)).isEqualTo(9);
    }

    /** Minimal bounded wait for this module. */
    @Test
    void fiftyTrackedFilesShareOneWatchAndOneThread() throws Exception {
        int before = Thread.getAllStackTraces().size();
        List<FileCheck> many = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Path f = Files.writeString(dir.resolve("f" + i), Integer.toString(i));
                FileCheck c = new FileCheck(new FileCheck.Settings("f" + i, f, TimeUnit.SECONDS.toNanos(60)), runtime,
                        new FileCheck.Log() {
                            @Override
                            public void info(String message) {
                            }

                            @Override
                            public void warn(String message) {
                            }
                        });
                many.add(c);
                c.start();
            }
            FileCheck last = many.get(49);
            assertThat(TestScripts.await(() -> last.status().value().isPresent(), WAIT)).isTrue();
            assertThat(Thread.getAllStackTraces().size() - before).as("the scheduler and the watch thread")
                    .isLessThanOrEqualTo(3);
        } finally {
            many.forEach(FileCheck::close);
        }
    }
}
