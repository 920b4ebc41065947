package dev.vigil.config.keepalived.grammar;

import dev.vigil.config.keepalived.diag.SourceLocation;

/** A parsed value with the line that gave it, so later checks can point at that line. */
public record Located<T>(T value, SourceLocation location) {
}
