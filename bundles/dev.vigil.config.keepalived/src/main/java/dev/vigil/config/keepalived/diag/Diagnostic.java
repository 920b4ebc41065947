package dev.vigil.config.keepalived.diag;

import java.util.Objects;

/** One finding about a configuration, printed as {@code FILE:LINE: error|warning: text}. */
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
        return location + ": " + severity.label() + ": " + message;
    }
}
