package dev.vigil.config.keepalived.grammar;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

/** What keyword rules report to while they run. */
public final class ParseContext {

    private final Diagnostics diagnostics;

    public ParseContext(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void error(SourceLocation location, String message) {
        diagnostics.error(location, message);
    }

    public void warning(SourceLocation location, String message) {
        diagnostics.warning(location, message);
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
