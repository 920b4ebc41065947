package dev.vigil.config.keepalived.diag;

import java.util.Objects;

/**
 * A place in a configuration file. Line numbers start at 1; line 0 means "the file as a whole"
 * (for example when it cannot be read) and prints as the bare file name.
 */
public record SourceLocation(String file, int line) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /** The location of a whole file, without a line. */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0);
    }

    /** {@code FILE:LINE}, or just {@code FILE} for line 0. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
