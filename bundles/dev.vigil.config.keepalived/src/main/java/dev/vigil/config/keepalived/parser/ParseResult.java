package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.Diagnostic;
import dev.vigil.config.keepalived.model.KeepalivedConfig;

import java.util.List;

/**
 * A parsed file: the model and every diagnostic in file order. With errors the model holds what
 * could be understood (instances with errors are left out) and must not be applied.
 *
 * @param unreadable the configuration file itself could not be read
 * @param scriptSecurityViolation scripts run as root without enable_script_security (keepalived's
 *                                "SECURITY VIOLATION", a warning)
 * @param files the configuration file, then every included file in the order read
 */
public record ParseResult(KeepalivedConfig config, List<Diagnostic> diagnostics, boolean unreadable,
                          boolean scriptSecurityViolation, List<String> files) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        files = List.copyOf(files);
    }

    public ParseResult(KeepalivedConfig config, List<Diagnostic> diagnostics) {
        this(config, diagnostics, false, false, List.of(config.file()));
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
