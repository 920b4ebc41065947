package dev.vigil.config.keepalived.grammar;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.parser.Statement;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keyword table of one kind of block ({@code global_defs}, {@code vrrp_instance},
 * {@code authentication}, the top level...). Blocks nest by rules that open a child grammar, so
 * the whole language is a tree of these tables rather than a chain of string comparisons.
 */
public final class BlockGrammar<B> {

    private final String blockName;
    private final Map<String, KeywordRule<? super B>> rules = new LinkedHashMap<>();

    public BlockGrammar(String blockName) {
        this.blockName = blockName;
    }

    public BlockGrammar<B> add(KeywordRule<? super B> rule) {
        if (rules.putIfAbsent(rule.keyword(), rule) != null) {
            throw new IllegalArgumentException(blockName + ": keyword declared twice: " + rule.keyword());
        }
        return this;
    }

    public BlockGrammar<B> addAll(List<? extends KeywordRule<? super B>> more) {
        more.forEach(this::add);
        return this;
    }

    /** Declares keywords keepalived knows but Vigil does not implement yet: each use is warned about. */
    public BlockGrammar<B> notImplemented(String... keywords) {
        for (String keyword : keywords) {
            add(Rules.notImplemented(keyword));
        }
        return this;
    }

    public String blockName() {
        return blockName;
    }

    public Set<String> keywords() {
        return Collections.unmodifiableSet(rules.keySet());
    }

    public Optional<KeywordRule<? super B>> rule(String keyword) {
        return Optional.ofNullable(rules.get(keyword));
    }

    /** Applies the statements of one block, in order, to its builder. */
    public void apply(List<Statement> statements, B builder, ParseContext context) {
        Map<String, SourceLocation> seen = new HashMap<>();
        for (Statement statement : statements) {
            String keyword = statement.name();
            if (statement.keyword().quoted() && keyword.isEmpty()) {
                context.error(statement.location(), "empty keyword \"\"");
                continue;
            }
            if (Rules.rejectedByReader(statement, context)) {
                continue;
            }
            KeywordRule<? super B> rule = rules.get(keyword);
            if (rule == null) {
                reportUnknown(statement, context);
                continue;
            }
            if (rule.singleValued()) {
                SourceLocation first = seen.putIfAbsent(keyword, statement.location());
                if (first != null) {
                    context.warning(statement.location(), "'" + keyword + "' is given more than once in this "
                            + blockName + " (first at line " + first.line() + "); the last one wins");
                }
            }
            rule.apply(statement, builder, context);
        }
    }

    private void reportUnknown(Statement statement, ParseContext context) {
        String keyword = statement.name();
        String message = "unknown keyword '" + keyword + "'"
                + KeywordSuggester.closest(keyword, rules.keySet()).map(s -> " \u2014 did you mean '" + s + "'?").orElse("");
        if (statement.hasBlock()) {
            message += "; its block is skipped";
        }
        context.warning(statement.location(), message);
    }
}
