package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.lexer.Token;

import java.util.List;
import java.util.Optional;

/**
 * One keyword line with its arguments and, when a {@code {} follows it, the statements of its
 * block. The tree is purely syntactic: what a keyword means is the grammar's business.
 *
 * @param keyword the first word of the line
 * @param arguments the other words of the line
 * @param block the statements between {@code {} and {@code }}, or {@code null} without a block
 */
public record Statement(Token keyword, List<Token> arguments, List<Statement> block) {

    public Statement {
        arguments = List.copyOf(arguments);
        block = block == null ? null : List.copyOf(block);
    }

    public String name() {
        return keyword.text();
    }

    public SourceLocation location() {
        return keyword.location();
    }

    public boolean hasBlock() {
        return block != null;
    }

    public List<String> argumentTexts() {
        return arguments.stream().map(Token::text).toList();
    }

    public Optional<Token> argument(int index) {
        return index < arguments.size() ? Optional.of(arguments.get(index)) : Optional.empty();
    }
}
