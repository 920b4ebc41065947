package dev.vigil.tracker.file.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What keepalived reads from a tracked file ({@code process_track_file()} in
 * keepalived/trackers/track_file.c): the first 127 bytes, as C's {@code strtol(buf, NULL, 0)}
 * reads a number (leading blanks, a sign, 0x for hex, a leading 0 for octal, up to the first
 * character that is not a digit; no digits is 0). A file that is missing, unreadable or empty
 * reads as 0. A number outside [-2^31, 2^31] is invalid: the previous value stays.
 */
final class FileValue {

    static final int READ_LIMIT = 127;
    private static final long MIN = Integer.MIN_VALUE;
    private static final long MAX = (long) Integer.MAX_VALUE + 1;

    /** The outcome of one read: the value, or (invalid) the number that was refused. */
    record Reading(long value, boolean valid, String detail) {
    }

    private FileValue() {
    }

    static Reading read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(READ_LIMIT);
        } catch (java.nio.file.NoSuchFileException e) {
            return new Reading(0, true, "missing: 0");
        } catch (IOException | RuntimeException e) {
            return new Reading(0, true, "unreadable (" + e.getClass().getSimpleName() + "): 0");
        }
        if (bytes.length == 0) {
            return new Reading(0, true, "empty: 0");
        }
        OptionalLong parsed = strtol(new String(bytes, StandardCharsets.ISO_8859_1));
        if (parsed.isEmpty()) {
            return new Reading(Long.MAX_VALUE, false, "out of range");
        }
        long v = parsed.getAsLong();
        if (v < MIN || v > MAX) {
            return new Reading(v, false, "out of range");
        }
        return new Reading(v, true, "value " + v);
    }

    /** C's strtol with base 0; empty when it overflows a 64-bit long (ERANGE). */
    static OptionalLong strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i < n && s.charAt(i) == '0') {
            if (i + 2 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && Character.digit(s.charAt(i + 2), 16) >= 0 && s.charAt(i + 2) < 128) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        java.math.BigInteger value = java.math.BigInteger.ZERO;
        java.math.BigInteger b = java.math.BigInteger.valueOf(base);
        boolean any = false;
        while (i < n) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 127) {
                break;
            }
            value = value.multiply(b).add(java.math.BigInteger.valueOf(d));
            any = true;
            i++;
            if (value.bitLength() > 64) {
                return OptionalLong.empty();
            }
        }
        if (!any) {
            return OptionalLong.of(0);
        }
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() > 63) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValue());
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
