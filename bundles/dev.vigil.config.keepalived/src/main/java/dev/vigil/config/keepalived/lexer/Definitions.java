package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $NAME=value} definitions in force and their substitution: {@code ${NAME}} anywhere,
 * {@code $NAME} before a space, tab, comma, {@code )} or the line's end. A name nobody defined is
 * left as written (keepalived: text with a {@code $} of its own keeps working).
 */
final class Definitions {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    /** {@code ${NAME}} or, for the built-ins, {@code ${NAME param...}}. */
    private static final Pattern BRACED = Pattern.compile("\\$\\{(" + NAME + ")((?:[ \\t][ \\tA-Za-z0-9_]*)?)}");
    private static final Pattern PLAIN = Pattern.compile("\\$(" + NAME + ")(?=[ \\t,)]|$)");
    private static final Pattern AT_LINE_END = Pattern.compile("\\$(?:\\{(" + NAME + ")}|(" + NAME + "))[ \\t]*$");

    /** A multi-line definition used at the end of a line, after {@code prefix}. */
    record MultilineUse(String prefix, Definition definition) {
    }

    private final Map<String, Definition> defined = new HashMap<>();
    private final BuiltInDefinitions builtIns;
    private final Diagnostics diagnostics;
    /** Warnings already given, so a line substituted in several rounds warns once. */
    private final Set<String> warned = new HashSet<>();

    Definitions(BuiltInDefinitions builtIns, Diagnostics diagnostics) {
        this.builtIns = builtIns;
        this.diagnostics = diagnostics;
    }

    /** Defines or replaces a definition (a later definition of the same name wins). */
    void define(Definition definition) {
        defined.put(definition.name(), definition);
    }

    /**
     * keepalived expands a multi-line definition only where its name ends the line: the first body
     * line then continues the text before it, the other body lines follow.
     */
    Optional<MultilineUse> multilineAtLineEnd(String line) {
        Matcher m = AT_LINE_END.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        Definition definition = defined.get(m.group(1) != null ? m.group(1) : m.group(2));
        if (definition == null || !definition.multiline()) {
            return Optional.empty();
        }
        return Optional.of(new MultilineUse(line.substring(0, m.start()), definition));
    }

    /** Whether {@code text} refers to a multi-line definition anywhere. */
    boolean usesMultiline(String text) {
        for (Pattern pattern : List.of(BRACED, PLAIN)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                Definition definition = defined.get(m.group(1));
                if (definition != null && definition.multiline()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One round of substitution: every reference in {@code line} replaced once. */
    String substitute(String line, SourceLocation at, Path directory) {
        String braced = replace(BRACED, line, m -> braced(m, at, directory));
        return replace(PLAIN, braced, m -> value(m.group(1), List.of(), at, directory).orElse(m.group()));
    }

    private String braced(Matcher m, SourceLocation at, Path directory) {
        String name = m.group(1);
        String parameters = m.group(2);
        if (parameters.isBlank()) {
            return value(name, List.of(), at, directory).orElse(m.group());
        }
        if (Lexer.isWhitespace(parameters.charAt(parameters.length() - 1))) {
            return m.group(); // keepalived: parameters may not end with a space
        }
        if (defined.containsKey(name)) {
            warnOnce(at, "definition '$" + name + "' takes no parameters; '" + m.group() + "' is left as written");
            return m.group();
        }
        List<String> words = Arrays.asList(parameters.strip().split("[ \\t]+"));
        return value(name, words, at, directory).orElse(m.group());
    }

    private Optional<String> value(String name, List<String> parameters, SourceLocation at, Path directory) {
        Definition definition = defined.get(name);
        if (definition != null) {
            if (definition.multiline()) {
                warnOnce(at, "multi-line parameter '$" + name + "' used inside a line; its lines are joined with spaces");
            }
            return Optional.of(definition.singleLine());
        }
        if (builtIns.defines(name)) {
            return Optional.of(builtIns.value(name, parameters, directory, at).orElse(""));
        }
        return Optional.empty();
    }

    private void warnOnce(SourceLocation at, String message) {
        if (warned.add(at + message)) {
            diagnostics.warning(at, message);
        }
    }

    private static String replace(Pattern pattern, String line, Function<Matcher, String> by) {
        Matcher m = pattern.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(by.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
