package dev.vigil.config.keepalived.diag;

/** How bad a diagnostic is: errors make a configuration invalid, warnings never do. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in {@code FILE:LINE: error|warning: text}. */
    public String label() {
        return label;
    }
}
