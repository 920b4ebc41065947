package dev.vigil.testing.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Ends a process and its descendants by PID: TERM, a bounded wait, then KILL. */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(ProcessHandle root, Duration grace) {
        // Collect descendants first: once the parent dies they are re-parented and lost from view.
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(0, root);
        all.forEach(ProcessTree::term);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(10);
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < killDeadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(10);
        }
    }

    static void killPid(long pid, Duration grace) {
        ProcessHandle.of(pid).ifPresent(h -> kill(h, grace));
    }

    private static void term(ProcessHandle h) {
        if (h.isAlive()) {
            h.destroy(); // SIGTERM on Linux
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
