package dev.vigil.config.keepalived.lexer;

import java.util.Optional;

/**
 * Where the lexer gets its lines. This is the layer where {@code include} (a source that
 * switches to other files), {@code $NAME=value} substitution and {@code @id} conditional lines
 * will slot in later: each is a {@code LineSource} decorating another one, so every line keeps
 * the file and line it really came from.
 */
public interface LineSource {

    /** The next line, or empty at the end of the input. */
    Optional<SourceLine> next();
}
