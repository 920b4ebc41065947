package dev.vigil.config.keepalived.lexer;

/** The kinds of token: keepalived's syntax is line-oriented, so the end of a line is a token too. */
public enum TokenKind {
    /** A keyword or value, possibly from a double-quoted string. */
    WORD,
    /** {@code {}, even when glued to a word. */
    OPEN,
    /** {@code }}, even when glued to a word. */
    CLOSE,
    /** The end of a line. */
    END_OF_LINE,
    /** The end of the input. */
    END_OF_INPUT
}
