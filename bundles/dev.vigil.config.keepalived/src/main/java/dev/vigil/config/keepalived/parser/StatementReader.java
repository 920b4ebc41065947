package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.Diagnostics;
import dev.vigil.config.keepalived.lexer.Lexer;
import dev.vigil.config.keepalived.lexer.Token;
import dev.vigil.config.keepalived.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns tokens into a tree of {@link Statement}s. A statement is the words of one line up to
 * its end or to a brace; a {@code {} on the same line or at the start of a following line opens
 * its block (keepalived accepts both). Brace mistakes are reported and recovered from, so the
 * rest of the file is still checked.
 */
public final class StatementReader {

    private final Lexer lexer;
    private final Diagnostics diagnostics;
    private Token pushedBack;

    public StatementReader(Lexer lexer, Diagnostics diagnostics) {
        this.lexer = lexer;
        this.diagnostics = diagnostics;
    }

    /** Every top-level statement of the input. */
    public List<Statement> readAll() {
        return readBlock(null);
    }

    /** Reads statements until the {@code }} closing {@code opener}'s block (or the input's end at top level). */
    private List<Statement> readBlock(Statement opener) {
        List<Statement> statements = new ArrayList<>();
        while (true) {
            Token token = next();
            switch (token.kind()) {
                case END_OF_LINE -> { }
                case END_OF_INPUT -> {
                    if (opener != null) {
                        diagnostics.error(opener.location(), "block '" + describe(opener) + "' is not closed: missing '}'");
                        pushedBack = token;
                    }
                    return statements;
                }
                case CLOSE -> {
                    if (opener != null) {
                        return statements;
                    }
                    diagnostics.error(token.location(), "unexpected '}' without a matching '{'");
                }
                case OPEN -> {
                    diagnostics.error(token.location(), "unexpected '{' without a keyword before it; block ignored");
                    readBlock(new Statement(token, List.of(), null));
                }
                case WORD -> statements.add(readStatement(token));
            }
        }
    }

    private Statement readStatement(Token keyword) {
        List<Token> arguments = new ArrayList<>();
        while (true) {
            Token token = next();
            switch (token.kind()) {
                case WORD -> arguments.add(token);
                case OPEN -> {
                    return withBlock(keyword, arguments);
                }
                case END_OF_LINE -> {
                    Token following = nextSkippingLineEnds();
                    if (following.is(TokenKind.OPEN)) {
                        return withBlock(keyword, arguments);
                    }
                    pushedBack = following;
                    return new Statement(keyword, arguments, null);
                }
                default -> {
                    pushedBack = token;
                    return new Statement(keyword, arguments, null);
                }
            }
        }
    }

    private Statement withBlock(Token keyword, List<Token> arguments) {
        Statement opener = new Statement(keyword, arguments, List.of());
        return new Statement(keyword, arguments, readBlock(opener));
    }

    private Token nextSkippingLineEnds() {
        Token token = next();
        while (token.is(TokenKind.END_OF_LINE)) {
            token = next();
        }
        return token;
    }

    private Token next() {
        if (pushedBack != null) {
            Token token = pushedBack;
            pushedBack = null;
            return token;
        }
        return lexer.next();
    }

    private static String describe(Statement statement) {
        return statement.arguments().isEmpty()
                ? statement.name()
                : statement.name() + " " + statement.arguments().get(0).text();
    }
}
