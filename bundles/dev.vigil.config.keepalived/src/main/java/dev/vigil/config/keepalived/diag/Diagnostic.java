package dev.vigil.config.keepalived.diag;

import java.util.Objects;

/**
 * One finding about a configuration, printed as {@code FILE:LINE: error|warning: text}, followed
 * by {@code (in $VI at line 11, ~SEQ ID=3)} when an expansion made the line.
 */
public record Diagnostic(Severity severity, SourceLocation location, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String expansion = location.expansion().isEmpty() ? "" : " (in " + location.expansionText() + ")";
        return location + ": " + severity.label() + ": " + message + expansion;
    }
}
