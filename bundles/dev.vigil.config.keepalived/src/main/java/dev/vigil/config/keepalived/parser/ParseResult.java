package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.Diagnostic;
import dev.vigil.config.keepalived.model.KeepalivedConfig;

import java.util.List;

/**
 * A parsed file: the model and every diagnostic in file order. With errors the model holds what
 * could be understood (instances with errors are left out) and must not be applied.
 */
public record ParseResult(KeepalivedConfig config, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
