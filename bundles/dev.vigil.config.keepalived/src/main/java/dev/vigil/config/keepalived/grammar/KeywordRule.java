package dev.vigil.config.keepalived.grammar;

import dev.vigil.config.keepalived.parser.Statement;

/**
 * What one keyword means inside one kind of block: its arity and value type are checked by the
 * rule (see {@link Rules}), which then hands typed values to the block's builder {@code B}.
 */
public interface KeywordRule<B> {

    String keyword();

    /** Whether giving the keyword twice in one block deserves a "last one wins" warning. */
    default boolean singleValued() {
        return false;
    }

    void apply(Statement statement, B builder, ParseContext context);
}
