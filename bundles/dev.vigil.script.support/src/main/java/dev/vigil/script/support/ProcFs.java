package dev.vigil.script.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the scripts need from /proc: who is in a session, and our own uid/gid. */
public final class ProcFs {

    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /**
     * One line of {@code /proc/PID/stat}, the fields we use.
     *
     * @param state R, S, D, Z, T...
     */
    public record Stat(long pid, String comm, char state, long ppid, long pgrp, long session) {
    }

    /** {@code /proc/PID/stat}, or empty when the process is gone. */
    public static Optional<Stat> stat(long pid) {
        try {
            return Optional.ofNullable(parseStat(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"),
                    StandardCharsets.ISO_8859_1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a stat line; the command name may hold spaces and parentheses, so it ends at the last ')'. */
    static Stat parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String comm = line.substring(open + 1, close);
        String[] rest = line.substring(close + 1).trim().split(" ");
        if (rest.length < 4) {
            return null;
        }
        return new Stat(pid, comm, rest[0].charAt(0), Long.parseLong(rest[1]), Long.parseLong(rest[2]),
                Long.parseLong(rest[3]));
    }

    /** Every process (zombies left out: they are dead already) whose session id is {@code sid}. */
    public static List<Long> sessionMembers(long sid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || name.charAt(0) < '1' || name.charAt(0) > '9') {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                stat(pid).filter(s -> s.session() == sid && s.state() != 'Z').ifPresent(s -> members.add(s.pid()));
            }
        } catch (IOException e) {
            // no /proc: nothing we can find
        }
        return members;
    }

    /** SIGTERM ({@code force} false) or SIGKILL to one process by PID, if it is still there. */
    public static void signal(long pid, boolean force) {
        ProcessHandle.of(pid).ifPresent(h -> {
            if (h.equals(ProcessHandle.current())) {
                return;
            }
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
    }

    /** Real uid and gid of this process, from {@code /proc/self/status}; -1 when unknown. */
    public static int[] selfIds() {
        int uid = -1;
        int gid = -1;
        try {
            for (String line : Files.readAllLines(PROC.resolve("self").resolve("status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // leave unknown
        }
        return new int[] {uid, gid};
    }
}
