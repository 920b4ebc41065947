package dev.vigil.config.keepalived.lexer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads keepalived's line replication:
 * <ul>
 * <li>{@code ~SEQ(var, start, step, end) text} (and {@code ~SEQx}, the values in hexadecimal):
 * {@code step} may be left out (1 or -1 towards {@code end}), and {@code start} too (1, or -1
 * for a negative {@code end}); the numbers may be definitions and are C integers (0x.., 0..);</li>
 * <li>{@code ~LST(var, v1, v2) text} and {@code ~LST({a, b}, {1, 2}, {3, 4}) text}: one value
 * set after another; a set with fewer values than variables leaves the others empty.</li>
 * </ul>
 * The messages are keepalived's.
 */
final class ReplicationParser {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private final Predicate<String> usesMultiline;
    private final long maxLines;

    /**
     * @param usesMultiline whether a text refers to a multi-line definition (not allowed as a number)
     * @param maxLines the most lines one {@code ~SEQ} may make
     */
    ReplicationParser(Predicate<String> usesMultiline, long maxLines) {
        this.usesMultiline = usesMultiline;
        this.maxLines = maxLines;
    }

    /**
     * @param line a line starting {@code ~SEQ} or {@code ~LST}
     * @param substitute replaces the definitions in the numbers of a {@code ~SEQ}
     */
    Replication parse(String line, UnaryOperator<String> substitute) throws InvalidReplicationException {
        return line.startsWith("~SEQ") ? sequence(line, substitute) : list(line);
    }

    private Replication sequence(String line, UnaryOperator<String> substitute) throws InvalidReplicationException {
        Cursor c = new Cursor(line, 4);
        boolean hex = c.take('x');
        c.skipBlanks();
        if (!c.take('(')) {
            throw new InvalidReplicationException("Invalid ~SEQ specification '" + line + "'");
        }
        int close = line.indexOf(')', c.position);
        if (close < 0) {
            throw new InvalidReplicationException("~SEQ missing terminating ')' '" + line + "'");
        }
        String inside = line.substring(c.position, close);
        int comma = inside.indexOf(',');
        String variable = (comma < 0 ? inside : inside.substring(0, comma)).strip();
        if (comma < 0 || !variable.matches(NAME)) {
            throw new InvalidReplicationException("Invalid ~SEQ definition '" + line + "'");
        }
        String numbers = inside.substring(comma + 1);
        if (usesMultiline.test(numbers)) {
            throw new InvalidReplicationException("~SEQ parameter is multiline definition '" + line + "'");
        }
        Sequence sequence = Sequence.of(substitute.apply(numbers), line);
        if (hex && (sequence.start < 0 || sequence.end < 0)) {
            throw new InvalidReplicationException("~SEQx is only valid for positive numbers '" + line + "'");
        }
        long count = sequence.count();
        if (count > maxLines) {
            throw new InvalidReplicationException("~SEQ makes " + count + " lines, more than the limit of " + maxLines
                    + " '" + line + "'");
        }
        long start = sequence.start;
        long step = sequence.step;
        return new Replication(hex ? "~SEQx" : "~SEQ", List.of(variable), count,
                i -> List.of(hex ? Long.toHexString(start + i * step) : Long.toString(start + i * step)),
                new Cursor(line, close + 1).skipBlanks().rest());
    }

    /** The numbers of a {@code ~SEQ}: 1 to 3 C integers. */
    private record Sequence(long start, long step, long end) {

        static Sequence of(String numbers, String line) throws InvalidReplicationException {
            String[] parts = numbers.split(",", -1);
            long[] n = new long[parts.length];
            try {
                if (parts.length > 3) {
                    throw new NumberFormatException();
                }
                for (int i = 0; i < parts.length; i++) {
                    n[i] = cInteger(parts[i]);
                }
            } catch (NumberFormatException e) {
                throw new InvalidReplicationException("Invalid ~SEQ definition '" + line + "'");
            }
            Sequence s = switch (n.length) {
                case 1 -> new Sequence(n[0] < 0 ? -1 : 1, n[0] < 1 ? -1 : 1, n[0]);
                case 2 -> new Sequence(n[0], n[0] <= n[1] ? 1 : -1, n[1]);
                default -> new Sequence(n[0], n[1], n[2]);
            };
            if (s.step == 0 || (s.start < s.end && s.step < 0) || (s.start > s.end && s.step > 0)) {
                throw new InvalidReplicationException("Invalid ~SEQ values '" + line + "'");
            }
            return s;
        }

        /** start, start+step, ... while not past end: at least one value. */
        long count() {
            return BigInteger.valueOf(end).subtract(BigInteger.valueOf(start)).divide(BigInteger.valueOf(step))
                    .add(BigInteger.ONE).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        }

        /** strtol(…, 0): decimal, 0x hexadecimal or 0 octal, with an optional sign. */
        private static long cInteger(String text) {
            String t = text.strip();
            boolean negative = t.startsWith("-");
            if (negative || t.startsWith("+")) {
                t = t.substring(1);
            }
            int radix = 10;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                radix = 16;
                t = t.substring(2);
            } else if (t.length() > 1 && t.startsWith("0")) {
                radix = 8;
                t = t.substring(1);
            }
            if (t.isEmpty() || Character.digit(t.charAt(0), radix) < 0) {
                throw new NumberFormatException(text);
            }
            long value = Long.parseLong(t, radix);
            return negative ? -value : value;
        }
    }

    private Replication list(String line) throws InvalidReplicationException {
        InvalidReplicationException invalid = new InvalidReplicationException("Invalid ~LST specification '" + line + "'");
        Cursor c = new Cursor(line, 4).skipBlanks();
        if (!c.take('(')) {
            throw invalid;
        }
        List<String> variables = names(c.skipBlanks(), invalid);
        if (!c.take(',')) {
            throw invalid;
        }
        List<List<String>> sets = new ArrayList<>();
        while (true) {
            List<String> set = valueSet(c.skipBlanks(), line, variables.size(), invalid);
            while (set.size() < variables.size()) {
                set.add("");
            }
            sets.add(List.copyOf(set));
            if (c.take(')')) {
                break;
            }
            if (!c.take(',')) {
                throw invalid;
            }
        }
        return new Replication("~LST", variables, sets.size(), i -> sets.get((int) i), c.skipBlanks().rest());
    }

    /** {@code var} or {@code {var, var...}}, followed by the blanks after it. */
    private static List<String> names(Cursor c, InvalidReplicationException invalid) throws InvalidReplicationException {
        boolean braced = c.take('{');
        List<String> names = new ArrayList<>();
        while (true) {
            String name = c.skipBlanks().until(" \t,})");
            if (!name.matches(NAME)) {
                throw invalid;
            }
            names.add(name);
            c.skipBlanks();
            if (braced && c.take('}')) {
                c.skipBlanks();
                return names;
            }
            if (!braced && c.peek() == ',') {
                return names;
            }
            if (!braced || !c.take(',')) {
                throw invalid;
            }
        }
    }

    /** {@code value} or {@code {value, value...}}, followed by the blanks after it. */
    private static List<String> valueSet(Cursor c, String line, int variables, InvalidReplicationException invalid)
            throws InvalidReplicationException {
        boolean braced = c.take('{');
        List<String> values = new ArrayList<>();
        while (true) {
            values.add(c.skipBlanks().until(" \t,})"));
            if (values.size() > variables) {
                throw new InvalidReplicationException("~LST specification has too many values '" + line + "'");
            }
            c.skipBlanks();
            if (braced && c.take('}')) {
                c.skipBlanks();
                return values;
            }
            if (!braced && (c.peek() == ',' || c.peek() == ')')) {
                return values;
            }
            if (!braced || !c.take(',')) {
                throw invalid;
            }
        }
    }

    /** A read position in one line. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text, int position) {
            this.text = text;
            this.position = position;
        }

        Cursor skipBlanks() {
            while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
                position++;
            }
            return this;
        }

        char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        boolean take(char c) {
            if (peek() == c && position < text.length()) {
                position++;
                return true;
            }
            return false;
        }

        String until(String stops) {
            int start = position;
            while (position < text.length() && stops.indexOf(text.charAt(position)) < 0) {
                position++;
            }
            return text.substring(start, position);
        }

        String rest() {
            return text.substring(position);
        }
    }
}
