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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * keepalived's line-level language, applied before the lexer sees a line, in keepalived's order:
 * <ol>
 * <li>comments are cut ({@code #}/{@code !} outside quotes, {@code \#}/{@code \!} escaped);</li>
 * <li>{@code @ID rest} keeps {@code rest} only when ID is the configuration id
 * ({@code -i/--config-id}); {@code @^ID rest} only when it is not. Without a configuration id,
 * every {@code @ID} line is dropped and every {@code @^ID} line kept;</li>
 * <li>{@code $NAME=value} defines a parameter (a later definition replaces it); a value ending
 * in {@code \} continues on the next lines, which makes a multi-line definition: a line that is
 * only {@code $NAME} or {@code ${NAME}} then expands to all of its lines. This is keepalived's
 * only line continuation;</li>
 * <li>{@code ${NAME}} and {@code $NAME} (followed by a space, tab, comma, {@code )} or the line's
 * end) are replaced by the value, repeatedly (a value may use other parameters), so a
 * substituted line may itself be an {@code @ID} line;</li>
 * <li>{@code include PATTERN} (and keepalived's {@code includer}, {@code includem},
 * {@code includew}, {@code includeb}, {@code includea}, which differ only in which problems are
 * errors) reads every file the glob matches, brace alternatives included, relative to the
 * directory of the including file.</li>
 * </ol>
 * Every line keeps the file and line it came from; a line expanded from a multi-line definition
 * carries the location of the line that used the parameter.
 */
public final class Preprocessor implements LineSource {

    /** keepalived's include checks. */
    static final int CHECK_READABLE = 1;
    static final int CHECK_MISSING = 2;
    static final int CHECK_WILDCARD = 4;
    static final int CHECK_BRACES = 8;

    private static final int MAX_INCLUDE_DEPTH = 32;
    private static final int MAX_SUBSTITUTION_ROUNDS = 16;
    private static final Pattern DEFINITION = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
    private static final Pattern INCLUDE = Pattern.compile("^include([rmwba]?)[ \\t]+(.+)$");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern PLAIN = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(?=[ \\t,)]|$)");

    private final Diagnostics diagnostics;
    private final Optional<String> configId;
    private final Deque<Frame> files = new ArrayDeque<>();
    private final Deque<SourceLine> expanded = new ArrayDeque<>();
    private final Map<String, Definition> definitions = new HashMap<>();
    private final List<String> includedFiles = new ArrayList<>();
    private Definition continuing;

    private record Frame(LineSource lines, Path directory) {
    }

    private record Definition(String name, List<String> lines, SourceLocation location) {
        boolean multiline() {
            return lines.size() > 1;
        }

        String singleLine() {
            return String.join(" ", lines);
        }
    }

    /**
     * @param root the configuration's own lines
     * @param directory where relative include patterns of the root file start (its directory)
     * @param configId the {@code -i/--config-id} value, empty without one
     */
    public Preprocessor(LineSource root, Path directory, Optional<String> configId, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.configId = configId.filter(id -> !id.isBlank());
        files.push(new Frame(root, directory));
    }

    /** Every file read through an include, in the order they were opened. */
    public List<String> includedFiles() {
        return List.copyOf(includedFiles);
    }

    @Override
    public Optional<SourceLine> next() {
        while (true) {
            if (!expanded.isEmpty()) {
                return Optional.of(expanded.poll());
            }
            if (files.isEmpty()) {
                return Optional.empty();
            }
            Optional<SourceLine> physical = files.peek().lines().next();
            if (physical.isEmpty()) {
                files.pop();
                if (continuing != null) {
                    finishDefinition();
                }
                continue;
            }
            SourceLine line = physical.get();
            Optional<SourceLine> result = process(line.location(), decomment(line.text()), 0);
            if (result.isPresent()) {
                return result;
            }
        }
    }

    private Optional<SourceLine> process(SourceLocation at, String text, int round) {
        if (continuing != null) {
            continueDefinition(text);
            return Optional.empty();
        }
        String line = stripLeading(text);
        if (line.isEmpty()) {
            // keep empty lines: the statement reader needs line ends, not line numbers
            return Optional.of(new SourceLine(at, ""));
        }
        if (line.charAt(0) == '@') {
            Optional<String> selected = conditional(line);
            if (selected.isEmpty()) {
                return Optional.of(new SourceLine(at, ""));
            }
            line = selected.get();
        }
        if (line.charAt(0) == '$') {
            Matcher definition = DEFINITION.matcher(line);
            if (definition.matches()) {
                define(at, definition.group(1), definition.group(2));
                return Optional.of(new SourceLine(at, ""));
            }
        }
        if (!definitions.isEmpty() && line.indexOf('$') >= 0) {
            Optional<Definition> whole = multilineUse(line);
            if (whole.isPresent()) {
                for (String part : whole.get().lines()) {
                    if (!part.isBlank()) {
                        expanded.add(new SourceLine(at, part));
                    }
                }
                return Optional.of(new SourceLine(at, ""));
            }
            String substituted = substitute(line, at);
            if (!substituted.equals(line)) {
                if (round >= MAX_SUBSTITUTION_ROUNDS) {
                    diagnostics.error(at, "parameter substitution does not end (a parameter refers to itself?)");
                    return Optional.of(new SourceLine(at, ""));
                }
                return process(at, decomment(substituted), round + 1);
            }
        }
        Matcher include = INCLUDE.matcher(line);
        if (include.matches()) {
            include(at, include.group(1), unquote(include.group(2).strip()));
            return Optional.of(new SourceLine(at, ""));
        }
        return Optional.of(new SourceLine(at, line));
    }

    /** {@code @ID rest} / {@code @^ID rest}: the rest when selected, else empty. */
    private Optional<String> conditional(String line) {
        boolean reverse = line.length() > 1 && line.charAt(1) == '^';
        int start = reverse ? 2 : 1;
        int end = start;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        if (end == line.length()) {
            return Optional.empty();
        }
        String id = line.substring(start, end);
        boolean matches = configId.isPresent() && configId.get().equals(id);
        if (matches == reverse) {
            return Optional.empty();
        }
        String rest = stripLeading(line.substring(end));
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    private void define(SourceLocation at, String name, String value) {
        String stripped = value.strip();
        if (stripped.endsWith("\\")) {
            List<String> lines = new ArrayList<>();
            String first = stripped.substring(0, stripped.length() - 1).strip();
            if (!first.isEmpty()) {
                lines.add(first);
            }
            continuing = new Definition(name, lines, at);
            return;
        }
        definitions.put(name, new Definition(name, List.of(stripped), at));
    }

    private void continueDefinition(String text) {
        String stripped = text.strip();
        boolean more = stripped.endsWith("\\");
        if (more) {
            stripped = stripped.substring(0, stripped.length() - 1).strip();
        }
        if (!stripped.isEmpty()) {
            continuing.lines().add(stripped);
        }
        if (!more) {
            finishDefinition();
        }
    }

    private void finishDefinition() {
        Definition done = continuing;
        continuing = null;
        List<String> lines = done.lines().isEmpty() ? List.of("") : List.copyOf(done.lines());
        definitions.put(done.name(), new Definition(done.name(), lines, done.location()));
    }

    private Optional<Definition> multilineUse(String line) {
        String trimmed = line.strip();
        String name = null;
        if (trimmed.startsWith("${") && trimmed.endsWith("}")) {
            name = trimmed.substring(2, trimmed.length() - 1);
        } else if (trimmed.startsWith("$")) {
            name = trimmed.substring(1);
        }
        Definition definition = name == null ? null : definitions.get(name);
        return definition != null && definition.multiline() ? Optional.of(definition) : Optional.empty();
    }

    private String substitute(String line, SourceLocation at) {
        String result = replace(BRACED, line, at);
        return replace(PLAIN, result, at);
    }

    private String replace(Pattern pattern, String line, SourceLocation at) {
        Matcher m = pattern.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Definition definition = definitions.get(m.group(1));
            String replacement;
            if (definition == null) {
                replacement = m.group();
            } else {
                if (definition.multiline()) {
                    diagnostics.warning(at, "multi-line parameter '$" + definition.name()
                            + "' used inside a line; its lines are joined with spaces");
                }
                replacement = definition.singleLine();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void include(SourceLocation at, String variant, String pattern) {
        int checks = switch (variant) {
            case "r" -> CHECK_READABLE;
            case "m" -> CHECK_READABLE | CHECK_MISSING;
            case "w" -> CHECK_READABLE | CHECK_MISSING | CHECK_WILDCARD;
            case "b" -> CHECK_READABLE | CHECK_BRACES;
            case "a" -> CHECK_READABLE | CHECK_MISSING | CHECK_WILDCARD | CHECK_BRACES;
            default -> 0;
        };
        String keyword = "include" + variant;
        if (files.size() > MAX_INCLUDE_DEPTH) {
            diagnostics.error(at, keyword + " '" + pattern + "': includes nested more than " + MAX_INCLUDE_DEPTH
                    + " deep (does a file include itself?)");
            return;
        }
        Path base = files.peek().directory();
        List<String> alternatives = expandBraces(pattern);
        List<Path> matched = new ArrayList<>();
        boolean anyMissing = false;
        for (String alternative : alternatives) {
            boolean wildcard = hasWildcard(alternative);
            List<Path> found;
            try {
                found = glob(base, alternative);
            } catch (IOException e) {
                report(at, checks, CHECK_READABLE, keyword + " '" + pattern + "': cannot read: " + e);
                continue;
            }
            if (found.isEmpty()) {
                anyMissing = true;
                if (alternatives.size() > 1) {
                    report(at, checks, CHECK_BRACES, keyword + " '" + pattern + "': no file matches '" + alternative
                            + "'");
                } else if (wildcard) {
                    report(at, checks, CHECK_WILDCARD, keyword + " '" + pattern + "': no configuration file matches");
                } else {
                    report(at, checks, CHECK_MISSING, keyword + " '" + pattern + "': no such file");
                }
            }
            matched.addAll(found);
        }
        if (matched.isEmpty() && anyMissing && alternatives.size() > 1) {
            report(at, checks, CHECK_MISSING, keyword + " '" + pattern + "': no configuration file matches");
        }
        List<Frame> frames = new ArrayList<>();
        for (Path file : matched) {
            if (Files.isDirectory(file)) {
                report(at, checks, CHECK_READABLE, keyword + ": '" + file + "' is a directory; skipped");
                continue;
            }
            if (!Files.isRegularFile(file) || executable(file)) {
                report(at, checks, CHECK_READABLE, keyword + ": '" + file
                        + "' is not a regular non-executable file; skipped");
                continue;
            }
            try {
                frames.add(new Frame(TextLineSource.of(file), file.toAbsolutePath().getParent()));
                includedFiles.add(file.toString());
            } catch (NoSuchFileException e) {
                report(at, checks, CHECK_READABLE, keyword + ": '" + file + "': no such file");
            } catch (IOException e) {
                report(at, checks, CHECK_READABLE, keyword + ": '" + file + "' cannot be read: " + e.getMessage());
            }
        }
        // the first match is read first: push in reverse order
        for (int i = frames.size() - 1; i >= 0; i--) {
            files.push(frames.get(i));
        }
    }

    private void report(SourceLocation at, int checks, int check, String message) {
        if ((checks & check) != 0) {
            diagnostics.error(at, message);
        } else {
            diagnostics.warning(at, message);
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

    /** The files {@code pattern} matches, relative to {@code base} unless absolute, sorted per directory. */
    static List<Path> glob(Path base, String pattern) throws IOException {
        Path path = Path.of(pattern);
        Path start = path.isAbsolute() ? path.getRoot() : base;
        List<Path> current = List.of(start);
        for (Path component : path) {
            String part = component.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(part)) {
                    Path candidate = dir.resolve(part);
                    if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) || Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
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
                next.addAll(matches);
            }
            current = next;
        }
        return current.stream().filter(p -> !p.equals(start)).toList();
    }

    /** Cuts a {@code #} or {@code !} comment outside double quotes; {@code \#} and {@code \!} are kept for the lexer. */
    static String decomment(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || c == '!')) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private static String stripLeading(String text) {
        int i = 0;
        while (i < text.length() && Lexer.isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
