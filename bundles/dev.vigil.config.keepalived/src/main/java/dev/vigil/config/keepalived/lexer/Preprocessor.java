package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
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
 * in {@code \} continues on the next lines, which makes a multi-line definition, expanded where
 * its name ends a line. This is keepalived's only line continuation;</li>
 * <li>{@code ~SEQ(var, start, step, end) text} and {@code ~LST(var, v1, v2...) text} read
 * {@code text} once per value of {@code var} ({@link ReplicationParser});</li>
 * <li>{@code ${NAME}} and {@code $NAME} (followed by a space, tab, comma, {@code )} or the line's
 * end) are replaced by the value, repeatedly (a value may use other parameters), so a
 * substituted line may itself be an {@code @ID} line; keepalived's built-ins
 * ({@link BuiltInDefinitions}) take parameters: {@code ${_RANDOM 1 9}};</li>
 * <li>{@code include PATTERN} (and {@code includer/m/w/b/a}) reads every file the glob matches
 * ({@link IncludeReader}); {@code include_check} sets which include problems are errors.</li>
 * </ol>
 * Lines expanded from a multi-line definition or a replication are read through the same steps,
 * so they nest. Every line keeps the file and line its text was written on: a body line of a
 * multi-line definition, a replicated line the {@code ~SEQ}/{@code ~LST} line.
 */
public final class Preprocessor implements LineSource {

    private static final int MAX_INCLUDE_DEPTH = 32;
    /** Multi-line definitions and replications inside each other; deeper means one uses itself. */
    static final int MAX_EXPANSION_DEPTH = 32;
    /**
     * Lines made by expansions in one configuration: every one is held in memory as statements,
     * and a hundred thousand is still 4094 VLANs' worth of 20-line instances.
     */
    static final long MAX_EXPANDED_LINES = 100_000;
    static final int MAX_LINE_LENGTH = 64 * 1024;
    private static final int MAX_SUBSTITUTION_ROUNDS = 16;
    private static final Pattern DEFINITION = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
    private static final Pattern INCLUDE = Pattern.compile("^include([rmwba]?)[ \\t]+(.+)$");
    private static final Pattern INCLUDE_CHECK = Pattern.compile("^include_check(?=[ \\t{}]|$)([^{}]*)(.*)$");

    private final Diagnostics diagnostics;
    private final Optional<String> configId;
    private final Path rootDirectory;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Definitions definitions;
    private final ReplicationParser replications;
    private final IncludeReader includes;
    private final List<String> includedFiles = new ArrayList<>();
    private IncludeChecks includeChecks = IncludeChecks.NONE;
    /** Checks every include gets whatever include_check says: {@link #requireEveryFile()}. */
    private int requiredChecks;
    private final DefinitionReader definitionReader;
    private long expandedLines;
    private boolean expansionsStopped;

    /**
     * A source being read: a file, or the lines of an expansion. A file restores, when it ends,
     * the include checks of the file that included it (keepalived's include_check scope).
     */
    private record Frame(LineSource lines, Path directory, boolean expansion, IncludeChecks restoredChecks) {
    }

    /**
     * @param root the configuration's own lines
     * @param directory where relative include patterns of the root file start (its directory)
     * @param configId the {@code -i/--config-id} value, empty without one
     */
    public Preprocessor(LineSource root, Path directory, Optional<String> configId, Diagnostics diagnostics) {
        this(root, directory, configId, System::getenv, RandomGenerator.getDefault(), diagnostics);
    }

    /** @param environment what {@code ${_ENV NAME}} reads */
    Preprocessor(LineSource root, Path directory, Optional<String> configId, UnaryOperator<String> environment,
                 RandomGenerator random, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.configId = configId.filter(id -> !id.isBlank());
        this.rootDirectory = directory;
        String instance = this.configId.orElseGet(BuiltInDefinitions::shortHostName);
        this.definitions = new Definitions(new BuiltInDefinitions(instance, environment, random, diagnostics),
                diagnostics);
        this.definitionReader = new DefinitionReader(definitions);
        this.replications = new ReplicationParser(definitions::usesMultiline, MAX_EXPANDED_LINES);
        this.includes = new IncludeReader(diagnostics);
        frames.push(new Frame(root, directory, false, IncludeChecks.NONE));
    }

    /**
     * keepalived's {@code -e/--all-config}: a missing or unreadable included file is an error
     * (the file is not loaded), whatever the include variant or include_check says.
     */
    public Preprocessor requireEveryFile() {
        requiredChecks = IncludeChecks.ALL_CONFIG;
        return this;
    }

    /** Every file read through an include, in the order they were opened. */
    public List<String> includedFiles() {
        return List.copyOf(includedFiles);
    }

    @Override
    public Optional<SourceLine> next() {
        while (true) {
            Optional<SourceLine> raw = nextRaw();
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            if (definitionReader.continuing()) {
                definitionReader.continueWith(raw.get());
                continue;
            }
            Optional<SourceLine> result = process(raw.get().location(), raw.get().text(), 0);
            if (result.isPresent()) {
                return result;
            }
        }
    }

    /** The next line of the innermost source: a file's line without its comment, or an expanded line. */
    private Optional<SourceLine> nextRaw() {
        while (!frames.isEmpty()) {
            Frame top = frames.peek();
            Optional<SourceLine> line = expansionsStopped && top.expansion() ? Optional.empty() : top.lines().next();
            if (line.isPresent() && !top.expansion()) {
                return Optional.of(new SourceLine(line.get().location(), decomment(line.get().text())));
            }
            if (line.isPresent() && countExpanded(line.get().location())) {
                return line;
            }
            if (line.isEmpty()) {
                frames.pop();
                endOf(top);
            }
        }
        return Optional.empty();
    }

    private void endOf(Frame frame) {
        if (!frame.expansion()) {
            includeChecks = frame.restoredChecks();
            definitionReader.finish();
        }
    }

    /** Counts one expanded line; false once expansions made too many (reported once, the rest dropped). */
    private boolean countExpanded(SourceLocation at) {
        if (expansionsStopped) {
            return false;
        }
        if (++expandedLines > MAX_EXPANDED_LINES) {
            expansionsStopped = true;
            diagnostics.error(at, "multi-line definitions, ~SEQ and ~LST make more than " + MAX_EXPANDED_LINES
                    + " lines; the rest of their lines is skipped");
            return false;
        }
        return true;
    }

    private Optional<SourceLine> process(SourceLocation at, String text, int round) {
        String line = stripLeading(text);
        if (line.isEmpty()) {
            // keep empty lines: the statement reader needs line ends, not line numbers
            return blank(at);
        }
        if (line.charAt(0) == '@') {
            Optional<String> selected = conditional(line);
            if (selected.isEmpty()) {
                return blank(at);
            }
            line = selected.get();
        }
        if (line.charAt(0) == '$') {
            Matcher definition = DEFINITION.matcher(line);
            if (definition.matches()) {
                definitionReader.define(at, definition.group(1), definition.group(2));
                return blank(at);
            }
        }
        if (line.startsWith("~SEQ") || line.startsWith("~LST")) {
            replicate(at, line);
            return blank(at);
        }
        if (line.indexOf('$') >= 0) {
            Optional<Definitions.MultilineUse> multiline = definitions.multilineAtLineEnd(line);
            if (multiline.isPresent()) {
                expand(at, multiline.get());
                return blank(at);
            }
            String substituted = definitions.substitute(line, at, currentDirectory());
            if (!substituted.equals(line)) {
                return substituted(at, substituted, round);
            }
        }
        Matcher include = INCLUDE.matcher(line);
        if (include.matches()) {
            include(at, include.group(1), unquote(include.group(2).strip()));
            return blank(at);
        }
        Matcher check = INCLUDE_CHECK.matcher(line);
        if (check.matches()) {
            includeChecks = includeChecks.apply(words(check.group(1)), at, diagnostics);
            return check.group(2).isBlank() ? blank(at) : Optional.of(new SourceLine(at, check.group(2)));
        }
        return Optional.of(new SourceLine(at, line));
    }

    private Optional<SourceLine> substituted(SourceLocation at, String substituted, int round) {
        if (round >= MAX_SUBSTITUTION_ROUNDS) {
            diagnostics.error(at, "parameter substitution does not end (a parameter refers to itself?)");
            return blank(at);
        }
        if (substituted.length() > MAX_LINE_LENGTH) {
            diagnostics.error(at, "parameter substitution makes the line longer than " + MAX_LINE_LENGTH
                    + " characters (a parameter refers to itself?)");
            return blank(at);
        }
        return process(at, decomment(substituted), round + 1);
    }

    /** The numbers of a {@code ~SEQ}: every definition replaced, as far as that ends. */
    private String substituteFully(String text, SourceLocation at) {
        String current = text;
        for (int round = 0; round < MAX_SUBSTITUTION_ROUNDS && current.length() <= MAX_LINE_LENGTH; round++) {
            String next = definitions.substitute(current, at, currentDirectory());
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    private void replicate(SourceLocation at, String line) {
        try {
            Replication replication = replications.parse(line, numbers -> substituteFully(numbers, at));
            pushExpansion(new ReplicatedLines(replication, at, definitions), at, line.substring(0, 4));
        } catch (InvalidReplicationException e) {
            diagnostics.error(at, e.getMessage());
        }
    }

    /** A multi-line definition where its name ends a line: the text before it joins its first line. */
    private void expand(SourceLocation at, Definitions.MultilineUse use) {
        String name = "$" + use.definition().name();
        List<SourceLine> lines = new ArrayList<>();
        for (SourceLine body : use.definition().body()) {
            SourceLocation written = body.location();
            String where = written.file().equals(at.file()) ? "line " + at.line() : at.toString();
            SourceLocation reached = new SourceLocation(written.file(), written.line(), at.expansion());
            lines.add(new SourceLine(reached.expandedBy(name + " at " + where), body.text()));
        }
        if (!use.prefix().isBlank()) {
            lines.set(0, new SourceLine(at, use.prefix() + lines.get(0).text()));
        }
        Iterator<SourceLine> remaining = lines.iterator();
        pushExpansion(() -> remaining.hasNext() ? Optional.of(remaining.next()) : Optional.empty(), at,
                "'" + name + "'");
    }

    private void pushExpansion(LineSource lines, SourceLocation at, String what) {
        long depth = frames.stream().filter(Frame::expansion).count();
        if (depth >= MAX_EXPANSION_DEPTH) {
            diagnostics.error(at, what + " is not expanded: expansions are nested more than " + MAX_EXPANSION_DEPTH
                    + " deep (does a definition use itself?)");
            return;
        }
        frames.push(new Frame(lines, currentDirectory(), true, includeChecks));
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

    private void include(SourceLocation at, String variant, String pattern) {
        String keyword = "include" + variant;
        if (frames.stream().filter(f -> !f.expansion()).count() > MAX_INCLUDE_DEPTH) {
            diagnostics.error(at, keyword + " '" + pattern + "': includes nested more than " + MAX_INCLUDE_DEPTH
                    + " deep (does a file include itself?)");
            return;
        }
        List<IncludeReader.OpenedFile> opened = includes.open(at, variant, pattern, currentDirectory(),
                includeChecks.atLeast(requiredChecks));
        // the first match is read first: push in reverse order
        for (int i = opened.size() - 1; i >= 0; i--) {
            IncludeReader.OpenedFile file = opened.get(i);
            frames.push(new Frame(file.lines(), file.path().toAbsolutePath().getParent(), false, includeChecks));
        }
        opened.forEach(file -> includedFiles.add(file.path().toString()));
    }

    /** The directory of the file being read: relative includes and {@code ${_PWD}} start there. */
    private Path currentDirectory() {
        return frames.isEmpty() ? rootDirectory : frames.peek().directory();
    }

    private static Optional<SourceLine> blank(SourceLocation at) {
        return Optional.of(new SourceLine(at, ""));
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("[ \\t]+"));
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
