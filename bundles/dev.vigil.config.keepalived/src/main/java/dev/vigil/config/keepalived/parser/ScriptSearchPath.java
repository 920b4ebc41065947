package dev.vigil.config.keepalived.parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a script given as a bare name (no {@code /}) is found: keepalived's find_path(), glibc's
 * execvp search. The first regular file with an execute bit in a PATH directory wins; an empty
 * PATH entry is the current directory.
 */
final class ScriptSearchPath {

    /**
     * Without PATH, the script tracker searches these (keepalived uses the C library's default,
     * /bin:/usr/bin); the check uses the directories the script will really be looked up in.
     */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int ANY_EXECUTE = 0111;

    /** What a search found. */
    sealed interface Result {
    }

    /** An executable regular file. */
    record Found(Path file) implements Result {
    }

    /** Only directories or files nobody may execute (keepalived's EACCES). */
    record NotExecutable() implements Result {
    }

    record NotFound() implements Result {
    }

    private final String directories;

    /** @param pathVariable the PATH value; null or empty for the default */
    ScriptSearchPath(String pathVariable) {
        this.directories = pathVariable == null || pathVariable.isEmpty() ? DEFAULT_PATH : pathVariable;
    }

    static ScriptSearchPath fromEnvironment() {
        return new ScriptSearchPath(System.getenv("PATH"));
    }

    Result find(String name) {
        boolean foundNotExecutable = false;
        for (String directory : directories.split(":", -1)) {
            Optional<Path> candidate = candidate(directory, name);
            Optional<Integer> mode = candidate.flatMap(ScriptSearchPath::mode);
            if (mode.isEmpty()) {
                continue;
            }
            if ((mode.get() & S_IFMT) == S_IFREG && (mode.get() & ANY_EXECUTE) != 0) {
                return new Found(candidate.get());
            }
            foundNotExecutable = true; // execvp's EACCES: a directory or a file nobody may run
        }
        return foundNotExecutable ? new NotExecutable() : new NotFound();
    }

    private static Optional<Path> candidate(String directory, String name) {
        try {
            return Optional.of(Path.of(directory.isEmpty() ? "." : directory).resolve(name));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> mode(Path file) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:mode");
            return Optional.of((Integer) attributes.get("mode"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
