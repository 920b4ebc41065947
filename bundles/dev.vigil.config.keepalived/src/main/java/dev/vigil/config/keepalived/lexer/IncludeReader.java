package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens the files of one {@code include PATTERN} line: every file the glob matches, brace
 * alternatives included, relative to the including file's directory. Each problem is an error
 * when the include's checks ask for it ({@link IncludeChecks}), else a warning.
 */
final class IncludeReader {

    /** One file an include opened. */
    record OpenedFile(Path path, LineSource lines) {
    }

    private final Diagnostics diagnostics;

    IncludeReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The files to read, in order (sorted per pattern alternative). */
    List<OpenedFile> open(SourceLocation at, String variant, String pattern, Path base, IncludeChecks checks) {
        Reporter report = new Reporter(at, checks, IncludeChecks.ofVariant(variant));
        String keyword = "include" + variant;
        List<String> alternatives = expandBraces(pattern);
        List<Path> matched = new ArrayList<>();
        boolean anyMissing = false;
        for (String alternative : alternatives) {
            Glob found;
            try {
                found = glob(base, alternative);
            } catch (IOException e) {
                report.problem(IncludeChecks.READABLE, keyword + " '" + pattern + "': cannot read: " + e);
                continue;
            }
            if (found.matches().isEmpty()) {
                anyMissing = true;
                if (alternatives.size() > 1) {
                    report.problem(IncludeChecks.BRACE_MATCH, keyword + " '" + pattern + "': no file matches '"
                            + alternative + "'");
                } else if (hasWildcard(alternative)) {
                    report.problem(found.pathMissing() ? IncludeChecks.MATCH : IncludeChecks.WILDCARD_MATCH,
                            keyword + " '" + pattern + "': no configuration file matches");
                } else {
                    report.problem(IncludeChecks.MATCH, keyword + " '" + pattern + "': no such file");
                }
            }
            matched.addAll(found.matches());
        }
        if (matched.isEmpty() && anyMissing && alternatives.size() > 1) {
            report.problem(IncludeChecks.MATCH, keyword + " '" + pattern + "': no configuration file matches");
        }
        List<OpenedFile> opened = new ArrayList<>();
        for (Path file : matched) {
            if (Files.isDirectory(file)) {
                report.problem(IncludeChecks.READABLE, keyword + ": '" + file + "' is a directory; skipped");
                continue;
            }
            if (!Files.isRegularFile(file) || executable(file)) {
                report.problem(IncludeChecks.READABLE, keyword + ": '" + file
                        + "' is not a regular non-executable file; skipped");
                continue;
            }
            try {
                opened.add(new OpenedFile(file, TextLineSource.of(file)));
            } catch (NoSuchFileException e) {
                report.problem(IncludeChecks.READABLE, keyword + ": '" + file + "': no such file");
            } catch (IOException e) {
                report.problem(IncludeChecks.READABLE, keyword + ": '" + file + "' cannot be read: " + e.getMessage());
            }
        }
        return opened;
    }

    private final class Reporter {
        private final SourceLocation at;
        private final IncludeChecks checks;
        private final int variantBits;

        Reporter(SourceLocation at, IncludeChecks checks, int variantBits) {
            this.at = at;
            this.checks = checks;
            this.variantBits = variantBits;
        }

        void problem(int check, String message) {
            if (checks.isError(check, variantBits)) {
                diagnostics.error(at, message);
            } else {
                diagnostics.warning(at, message);
            }
        }
    }

    private static boolean executable(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                    || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** {@code a{b,c}d{e,f}} → abde, abdf, acde, acdf (keepalived's GLOB_BRACE, without nesting). */
    static List<String> expandBraces(String pattern) {
        int open = pattern.indexOf('{');
        int close = open < 0 ? -1 : pattern.indexOf('}', open);
        if (open < 0 || close < 0) {
            return List.of(pattern);
        }
        List<String> result = new ArrayList<>();
        String head = pattern.substring(0, open);
        for (String tail : expandBraces(pattern.substring(close + 1))) {
            for (String choice : pattern.substring(open + 1, close).split(",", -1)) {
                result.add(head + choice + tail);
            }
        }
        return result;
    }

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
    }

    /**
     * What a pattern matched.
     *
     * @param pathMissing a name without wildcards or a directory to search did not exist: for
     *                    keepalived that is a missing file (the {@code match} check), not a
     *                    wildcard matching nothing ({@code wildcard_match})
     */
    record Glob(List<Path> matches, boolean pathMissing) {
    }

    /** The files {@code pattern} matches, relative to {@code base} unless absolute, sorted per directory. */
    static Glob glob(Path base, String pattern) throws IOException {
        Path path = Path.of(pattern);
        Path start = path.isAbsolute() ? path.getRoot() : base;
        List<Path> current = List.of(start);
        boolean missing = false;
        for (Path component : path) {
            String part = component.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(part)) {
                    Path candidate = dir.resolve(part);
                    if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) || Files.exists(candidate)) {
                        next.add(candidate);
                    } else {
                        missing = true;
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    missing = true;
                    continue;
                }
                next.addAll(matchesIn(dir, part));
            }
            current = next;
        }
        return new Glob(current.stream().filter(p -> !p.equals(start)).toList(), missing);
    }

    private static List<Path> matchesIn(Path dir, String part) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + part);
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && !part.startsWith(".")) {
                    continue;
                }
                if (matcher.matches(entry.getFileName())) {
                    matches.add(entry);
                }
            }
        }
        matches.sort(null);
        return matches;
    }
}
