package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;

/**
 * keepalived's include checks: which problems of an include are errors rather than warnings.
 * The {@code includer/m/w/b/a} variants add checks to one include; the {@code include_check}
 * keyword sets them for every later include of the same file and of the files it includes.
 *
 * @param bits {@link #READABLE}, {@link #MATCH}, {@link #WILDCARD_MATCH}, {@link #BRACE_MATCH}
 */
record IncludeChecks(int bits) {

    /** A match that is a directory, an executable or unreadable. */
    static final int READABLE = 1;
    /** No file matches a pattern without wildcards. */
    static final int MATCH = 2;
    /** No file matches a pattern with wildcards. */
    static final int WILDCARD_MATCH = 4;
    /** One alternative of a {@code {a,b}} pattern matches no file. */
    static final int BRACE_MATCH = 8;
    static final int ALL = READABLE | MATCH | WILDCARD_MATCH | BRACE_MATCH;

    static final IncludeChecks NONE = new IncludeChecks(0);
    /** {@code -e/--all-config}: every include must name files that exist and can be read. */
    static final int ALL_CONFIG = READABLE | MATCH;

    /** The checks an include keyword adds: {@code include}, {@code includer}, ... {@code includea}. */
    static int ofVariant(String variant) {
        return switch (variant) {
            case "r" -> READABLE;
            case "m" -> READABLE | MATCH;
            case "w" -> READABLE | MATCH | WILDCARD_MATCH;
            case "b" -> READABLE | BRACE_MATCH;
            case "a" -> ALL;
            default -> 0;
        };
    }

    /** These checks plus {@code required} (the floor {@code -e} sets whatever include_check says). */
    IncludeChecks atLeast(int required) {
        return (bits | required) == bits ? this : new IncludeChecks(bits | required);
    }

    boolean isError(int check, int variantBits) {
        return ((bits | variantBits) & check) != 0;
    }

    /**
     * The checks after an {@code include_check} line (its words after the keyword): no word means
     * all checks; a plain word sets {@code read} plus that check (only as the first word);
     * {@code +word}/{@code -word} add or remove one check.
     */
    IncludeChecks apply(List<String> words, SourceLocation at, Diagnostics diagnostics) {
        if (words.isEmpty()) {
            return new IncludeChecks(ALL);
        }
        int result = bits;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            char sign = word.charAt(0);
            boolean relative = sign == '+' || sign == '-';
            String name = relative ? word.substring(1) : word;
            if (!relative && i > 0) {
                diagnostics.error(at, "Duplicate include_check '" + word + "' specified - ignoring");
                continue;
            }
            if (!relative) {
                result = 0; // a plain first word replaces the checks, even when it is unknown
            }
            int check = named(name);
            if (check == 0) {
                diagnostics.error(at, "Unknown include_check type '" + name + "' - ignoring");
                continue;
            }
            if (!relative) {
                result = READABLE | check;
            } else if (sign == '+') {
                result |= check;
            } else {
                result &= ~check;
            }
        }
        return new IncludeChecks(result);
    }

    private static int named(String name) {
        return switch (name) {
            case "read", "readable" -> READABLE; // keepalived reads "read"; its manual says "readable"
            case "match" -> MATCH;
            case "wildcard_match" -> WILDCARD_MATCH;
            case "brace_match" -> BRACE_MATCH;
            default -> 0;
        };
    }
}
