package dev.vigil.config.keepalived.lexer;

import dev.vigil.config.keepalived.diag.SourceLocation;

/** One token with the file and line it came from. {@code quoted} tells a {@code "..."} word apart. */
public record Token(TokenKind kind, String text, boolean quoted, SourceLocation location) {

    public static Token word(String text, boolean quoted, SourceLocation location) {
        return new Token(TokenKind.WORD, text, quoted, location);
    }

    public static Token of(TokenKind kind, SourceLocation location) {
        String text = switch (kind) {
            case OPEN -> "{";
            case CLOSE -> "}";
            default -> "";
        };
        return new Token(kind, text, false, location);
    }

    public boolean is(TokenKind other) {
        return kind == other;
    }
}
