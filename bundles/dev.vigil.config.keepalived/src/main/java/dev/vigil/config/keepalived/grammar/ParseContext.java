package dev.vigil.config.keepalived.grammar;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

/** What keyword rules report to while they run. */
public final class ParseContext {

    private final Diagnostics diagnostics;
    private final java.util.Set<String> warnedOnce = new java.util.HashSet<>();

    public ParseContext(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void error(SourceLocation location, String message) {
        diagnostics.error(location, message);
    }

    public void warning(SourceLocation location, String message) {
        diagnostics.warning(location, message);
    }

    /** A warning given only the first time {@code key} is seen in one parse (e.g. once per keyword). */
    public void warningOnce(String key, SourceLocation location, String message) {
        if (warnedOnce.add(key)) {
            diagnostics.warning(location, message);
        }
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
