package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Splits lines into tokens with keepalived's rules:
 * <ul>
 * <li>{@code #} and {@code !} start a comment to the end of the line, outside double quotes;
 * {@code \#} and {@code \!} stand for the characters themselves;</li>
 * <li>{@code "..."} is one word without its quotes; a quote always starts a new word and the
 * closing quote ends it ({@code a"b c"d} is {@code a}, {@code b c}, {@code d});</li>
 * <li>{@code {} and {@code }} are tokens of their own even when glued to a word;</li>
 * <li>any Unicode white space separates words, including the no-break spaces (U+00A0, U+2007,
 * U+202F) that pasting from a web page leaves behind, and a byte-order mark. keepalived itself
 * only knows ASCII white space and rejects such lines as unknown keywords.</li>
 * </ul>
 */
public final class Lexer {

    private final LineSource source;
    private final Diagnostics diagnostics;
    private final Deque<Token> pending = new ArrayDeque<>();
    private SourceLocation lastLocation;

    public Lexer(LineSource source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** The next token; {@link TokenKind#END_OF_INPUT} forever once the input is exhausted. */
    public Token next() {
        while (pending.isEmpty()) {
            Optional<SourceLine> line = source.next();
            if (line.isEmpty()) {
                return Token.of(TokenKind.END_OF_INPUT,
                        lastLocation == null ? SourceLocation.ofFile("<empty>") : lastLocation);
            }
            lastLocation = line.get().location();
            pending.addAll(tokenize(line.get(), diagnostics));
        }
        return pending.poll();
    }

    /** The tokens of one line, always ending with {@link TokenKind#END_OF_LINE}. */
    public static List<Token> tokenize(SourceLine line, Diagnostics diagnostics) {
        String text = line.text();
        SourceLocation at = line.location();
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isWhitespace(c)) {
                flush(word, tokens, at);
                i++;
            } else if (c == '#' || c == '!') {
                break;
            } else if (c == '\\') {
                if (i + 1 == n) {
                    diagnostics.warning(at, "'\\' at the end of a line continues only a $NAME= definition "
                            + "(as in keepalived); ignored here");
                    break;
                }
                char escaped = text.charAt(i + 1);
                if (escaped == '#' || escaped == '!') {
                    word.append(escaped);
                } else {
                    word.append(c).append(escaped);
                }
                i += 2;
            } else if (c == '{' || c == '}') {
                flush(word, tokens, at);
                tokens.add(Token.of(c == '{' ? TokenKind.OPEN : TokenKind.CLOSE, at));
                i++;
            } else if (c == '"') {
                flush(word, tokens, at);
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    diagnostics.error(at, "unterminated quoted string: missing closing '\"'");
                    tokens.add(Token.word(text.substring(i + 1), true, at));
                    i = n;
                } else {
                    tokens.add(Token.word(text.substring(i + 1, close), true, at));
                    i = close + 1;
                }
            } else {
                word.append(c);
                i++;
            }
        }
        flush(word, tokens, at);
        tokens.add(Token.of(TokenKind.END_OF_LINE, at));
        return tokens;
    }

    /** Unicode white space, the no-break spaces and the byte-order mark all separate words. */
    public static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    private static void flush(StringBuilder word, List<Token> tokens, SourceLocation at) {
        if (word.length() > 0) {
            tokens.add(Token.word(word.toString(), false, at));
            word.setLength(0);
        }
    }
}
