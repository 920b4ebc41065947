package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * keepalived's pre-defined definitions. Only these take parameters, written after the name
 * inside the braces and separated by spaces: {@code ${_RANDOM 1 10}}, {@code ${_ENV HOME}}.
 * A {@code $NAME=value} definition of the same name replaces one, as in keepalived.
 */
final class BuiltInDefinitions {

    private static final long DEFAULT_RANDOM_MAX = 32767;

    /** What a built-in expands to, given its parameters and the current file's directory. */
    private interface Expansion {
        String value(List<String> parameters, Path directory, SourceLocation at);
    }

    private record BuiltIn(int minParameters, int maxParameters, boolean numbersOnly, Expansion expansion) {
    }

    private final Diagnostics diagnostics;
    private final Map<String, BuiltIn> builtIns;

    /**
     * @param instance the configuration id, else the short host name (keepalived's default id)
     * @param environment the value of an environment variable, null when unset
     */
    BuiltInDefinitions(String instance, UnaryOperator<String> environment, RandomGenerator random,
                       Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.builtIns = Map.of(
                "_PWD", new BuiltIn(0, 0, false, (p, directory, at) -> directory.toString()),
                "_INSTANCE", new BuiltIn(0, 0, false, (p, directory, at) -> instance),
                "_RANDOM", new BuiltIn(0, 2, true, (p, directory, at) -> random(p, random, at)),
                "_ENV", new BuiltIn(1, 1, false, (p, directory, at) -> {
                    String value = environment.apply(p.get(0));
                    return value == null ? "" : value;
                }),
                "_HASH", new BuiltIn(0, 0, false, (p, directory, at) -> "#"),
                "_BANG", new BuiltIn(0, 0, false, (p, directory, at) -> "!"));
    }

    boolean defines(String name) {
        return builtIns.containsKey(name);
    }

    /**
     * The value of {@code ${name parameters}}; empty (and reported) when the parameters do not
     * fit. keepalived then leaves the reference as written, which only adds errors about its
     * braces: Vigil drops it instead, as the file is invalid anyway.
     */
    Optional<String> value(String name, List<String> parameters, Path directory, SourceLocation at) {
        BuiltIn builtIn = builtIns.get(name);
        if (builtIn.numbersOnly() && !parameters.stream().allMatch(p -> p.chars().allMatch(Character::isDigit))) {
            diagnostics.error(at, "Definition " + name + " requires numeric parameters only.");
            return Optional.empty();
        }
        if (parameters.size() < builtIn.minParameters() || parameters.size() > builtIn.maxParameters()) {
            diagnostics.error(at, "Definition " + name + " requires between " + builtIn.minParameters() + " and "
                    + builtIn.maxParameters() + " parameters, " + parameters.size() + " specified.");
            return Optional.empty();
        }
        return Optional.of(builtIn.expansion().value(parameters, directory, at));
    }

    private String random(List<String> parameters, RandomGenerator random, SourceLocation at) {
        long min = parameters.isEmpty() ? 0 : parseBound(parameters.get(0), at);
        long max = parameters.size() < 2 ? DEFAULT_RANDOM_MAX : parseBound(parameters.get(1), at);
        if (min > max) {
            diagnostics.error(at, "${_RANDOM}: min " + min + " exceeds max " + max + ", using " + min);
            max = min;
        }
        return Long.toString(random.nextLong(min, max + 1));
    }

    private long parseBound(String digits, SourceLocation at) {
        try {
            return Math.min(Long.parseLong(digits), Long.MAX_VALUE - 1);
        } catch (NumberFormatException e) {
            diagnostics.error(at, "${_RANDOM}: '" + digits + "' is too large");
            return 0;
        }
    }

    /** keepalived's default configuration id: the host name up to its first dot. */
    static String shortHostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            int dot = name.indexOf('.');
            return dot < 0 ? name : name.substring(0, dot);
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
