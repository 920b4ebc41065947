package dev.vigil.config.keepalived.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every diagnostic of one parse: the parser never stops at the first problem, so an
 * operator sees all of them in one run.
 */
public final class Diagnostics {

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private boolean scriptSecurityViolation;
    private boolean unreadable;

    /** keepalived's CONFIG_SECURITY_ERROR: scripts run as root without enable_script_security. */
    public void markScriptSecurityViolation() {
        scriptSecurityViolation = true;
    }

    public boolean scriptSecurityViolation() {
        return scriptSecurityViolation;
    }

    /** The configuration file itself could not be read. */
    public void markUnreadable() {
        unreadable = true;
    }

    public boolean unreadable() {
        return unreadable;
    }

    public void error(SourceLocation location, String message) {
        diagnostics.add(new Diagnostic(Severity.ERROR, location, message));
    }

    public void warning(SourceLocation location, String message) {
        diagnostics.add(new Diagnostic(Severity.WARNING, location, message));
    }

    public int errorCount() {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * Every diagnostic in file order: files in the order they were first mentioned, then by line;
     * findings on the same line keep the order in which they were found.
     */
    public List<Diagnostic> sorted() {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            fileOrder.putIfAbsent(d.location().file(), fileOrder.size());
        }
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(Comparator.<Diagnostic>comparingInt(d -> fileOrder.get(d.location().file()))
                .thenComparingInt(d -> d.location().line()));
        return List.copyOf(copy);
    }
}
