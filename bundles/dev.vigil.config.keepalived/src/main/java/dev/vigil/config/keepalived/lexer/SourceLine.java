package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.SourceLocation;

/** One physical line of a configuration file, with where it came from. */
public record SourceLine(SourceLocation location, String text) {
}
