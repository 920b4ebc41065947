package dev.vigil.config.keepalived.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A place in a configuration file. Line numbers start at 1; line 0 means "the file as a whole"
 * (for example when it cannot be read) and prints as the bare file name.
 *
 * @param expansion for a line an expansion made, how it got there, innermost step first
 *                  ({@code $VI at line 11}, {@code ~SEQ ID=3}); empty for a line read as written
 */
public record SourceLocation(String file, int line, List<String> expansion) {

    /** Steps shown first and last; a recursive expansion's long chain is cut in between. */
    private static final int SHOWN_STEPS = 2;

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        expansion = List.copyOf(expansion);
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    public SourceLocation(String file, int line) {
        this(file, line, List.of());
    }

    /** The location of a whole file, without a line. */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0);
    }

    /** The same text reached through one more expansion, {@code step} being the innermost. */
    public SourceLocation expandedBy(String step) {
        List<String> steps = new ArrayList<>();
        steps.add(step);
        steps.addAll(expansion);
        return new SourceLocation(file, line, steps);
    }

    /** The expansion steps for a message: {@code $VI at line 11, ~SEQ ID=3}; empty when none. */
    public String expansionText() {
        if (expansion.size() <= 2 * SHOWN_STEPS + 1) {
            return String.join(", ", expansion);
        }
        return String.join(", ", expansion.subList(0, SHOWN_STEPS)) + ", ... "
                + (expansion.size() - 2 * SHOWN_STEPS) + " more, "
                + String.join(", ", expansion.subList(expansion.size() - SHOWN_STEPS, expansion.size()));
    }

    /** {@code FILE:LINE}, or just {@code FILE} for line 0. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
