package dev.vigil.config.keepalived.lexer;

import java.util.Optional;

/**
 * Where the lexer gets its lines: a file's ({@link TextLineSource}), or the {@link Preprocessor}'s,
 * which reads files, includes and expansions as a stack of sources. Every line keeps the file and
 * line its text was written on.
 */
public interface LineSource {

    /** The next line, or empty at the end of the input. */
    Optional<SourceLine> next();
}
