package dev.vigil.tracker.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Counts matching processes straight from /proc: no pidof, no fork. */
final class ProcTable {

    private static final int MAX_CMDLINE = 64 * 1024;

    private final Path proc;

    ProcTable() {
        this(Path.of("/proc"));
    }

    ProcTable(Path proc) {
        this.proc = proc;
    }

    /** The PIDs of live (not zombie) processes {@code matcher} accepts. */
    List<Long> matching(ProcessMatcher matcher) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || name.charAt(0) < '1' || name.charAt(0) > '9' || !digits(name)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException | RuntimeException gone) {
                    continue; // exited while we looked
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || close + 2 >= stat.length()) {
                    continue;
                }
                if (stat.charAt(close + 2) == 'Z') {
                    continue;
                }
                String comm = stat.substring(open + 1, close);
                List<String> argv = null;
                if (matcher.needsCommandLine()) {
                    argv = commandLine(dir.resolve("cmdline"));
                    if (argv == null) {
                        continue;
                    }
                }
                if (matcher.matches(comm, argv)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            // no /proc: nothing runs as far as we can tell
        }
        return pids;
    }

    private static List<String> commandLine(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CMDLINE);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                argv.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            argv.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return argv;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
