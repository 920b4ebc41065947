package dev.vigil.config.keepalived.grammar;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.lexer.Token;
import dev.vigil.config.keepalived.parser.Statement;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/** The kinds of keyword rule, each declaring its arity and value type. */
public final class Rules {

    private Rules() {
    }

    /** Handles one line of a value block such as {@code virtual_ipaddress { ... }}. */
    @FunctionalInterface
    public interface LineHandler<B> {
        void line(B builder, Statement line, ParseContext context);
    }

    /** {@code keyword VALUE}: exactly one value of the given type. */
    public static <B, T> KeywordRule<B> value(String keyword, ValueType<T> type, BiConsumer<B, Located<T>> setter) {
        return new SingleValued<>(keyword, (statement, builder, context) -> {
            if (!noBlock(statement, context)) {
                return;
            }
            if (statement.arguments().isEmpty()) {
                context.error(statement.location(), "'" + keyword + "' requires a value");
                return;
            }
            warnExtraArguments(statement, 1, context);
            parse(keyword, type, statement.arguments().get(0), context)
                    .ifPresent(v -> setter.accept(builder, new Located<>(v, statement.location())));
        });
    }

    /** {@code keyword}: a switch without a value. */
    public static <B> KeywordRule<B> flag(String keyword, BiConsumer<B, SourceLocation> setter) {
        return new SingleValued<>(keyword, (statement, builder, context) -> {
            if (!noBlock(statement, context)) {
                return;
            }
            warnExtraArguments(statement, 0, context);
            setter.accept(builder, statement.location());
        });
    }

    /** {@code keyword [true|false]}: a switch that is on when given without a value. */
    public static <B> KeywordRule<B> optionalBoolean(String keyword, BiConsumer<B, Located<Boolean>> setter) {
        return new SingleValued<>(keyword, (statement, builder, context) -> {
            if (!noBlock(statement, context)) {
                return;
            }
            if (statement.arguments().isEmpty()) {
                setter.accept(builder, new Located<>(true, statement.location()));
                return;
            }
            warnExtraArguments(statement, 1, context);
            parse(keyword, Values.bool(), statement.arguments().get(0), context)
                    .ifPresent(v -> setter.accept(builder, new Located<>(v, statement.location())));
        });
    }

    /** {@code keyword WORD...}: at least {@code min} words, kept as a list (script command lines). */
    public static <B> KeywordRule<B> words(String keyword, int min, BiConsumer<B, Located<List<String>>> setter) {
        return new SingleValued<>(keyword, (statement, builder, context) -> {
            if (!noBlock(statement, context)) {
                return;
            }
            if (statement.arguments().size() < min) {
                context.error(statement.location(), "'" + keyword + "' requires a value");
                return;
            }
            setter.accept(builder, new Located<>(statement.argumentTexts(), statement.location()));
        });
    }

    /** {@code keyword { ... }}: a block without a name whose statements go to a child builder. */
    public static <B, C> KeywordRule<B> block(String keyword, BlockGrammar<C> grammar,
                                              BiFunction<B, SourceLocation, C> open) {
        return new Plain<>(keyword, (statement, builder, context) -> {
            if (!statement.hasBlock()) {
                context.error(statement.location(), "'" + keyword + "' must be followed by a block { ... }");
                return;
            }
            warnExtraArguments(statement, 0, context);
            grammar.apply(statement.block(), open.apply(builder, statement.location()), context);
        });
    }

    /** {@code keyword NAME { ... }}: a named block such as {@code vrrp_instance VI_1 { ... }}. */
    public static <B, C> KeywordRule<B> namedBlock(String keyword, BlockGrammar<C> grammar,
                                                   BiFunction<B, Located<String>, C> open) {
        return new Plain<>(keyword, (statement, builder, context) -> {
            if (statement.arguments().isEmpty()) {
                context.error(statement.location(), "'" + keyword + "' requires a name");
                return;
            }
            String name = statement.arguments().get(0).text();
            if (!statement.hasBlock()) {
                context.error(statement.location(), "'" + keyword + " " + name + "' must be followed by a block { ... }");
                return;
            }
            warnExtraArguments(statement, 1, context);
            grammar.apply(statement.block(), open.apply(builder, new Located<>(name, statement.location())), context);
        });
    }

    /** {@code keyword { LINE... }}: a block of value lines, each given to {@code handler}. */
    public static <B> KeywordRule<B> valueBlock(String keyword, LineHandler<B> handler) {
        return new Plain<>(keyword, (statement, builder, context) -> {
            if (!statement.hasBlock()) {
                context.error(statement.location(), "'" + keyword + "' must be followed by a block { ... }");
                return;
            }
            warnExtraArguments(statement, 0, context);
            for (Statement line : statement.block()) {
                if (line.hasBlock()) {
                    context.error(line.location(), "unexpected block in '" + keyword + "'; it is skipped");
                    continue;
                }
                if (!rejectedByReader(line, context)) {
                    handler.line(builder, line, context);
                }
            }
        });
    }

    /** A keyword keepalived knows and Vigil does not implement yet: warned about, then ignored. */
    public static <B> KeywordRule<B> notImplemented(String keyword) {
        return new Plain<>(keyword, (statement, builder, context) -> context.warning(statement.location(),
                notImplementedMessage(keyword)));
    }

    /**
     * A keyword kept in the model (so a later version can act on it) but without effect yet:
     * warned about, then parsed by {@code rule}.
     */
    public static <B> KeywordRule<B> notImplemented(KeywordRule<B> rule) {
        return before(rule, rule.singleValued(), (statement, builder, context) ->
                context.warning(statement.location(), notImplementedMessage(rule.keyword())));
    }

    /**
     * A keyword kept in the model for a later version, warned about once per parse (notifier
     * settings: a file with ten notify_master lines gets one warning, at the first).
     */
    public static <B> KeywordRule<B> notImplementedOnce(KeywordRule<B> rule) {
        return before(rule, rule.singleValued(), (statement, builder, context) -> context.warningOnce(
                "not-implemented:" + rule.keyword(), statement.location(), notImplementedMessage(rule.keyword())));
    }

    /**
     * {@code rule} with {@code first} done before it parses each statement (a warning, a copy of
     * the text); {@code singleValued} says whether a repeat in one block is warned about.
     */
    public static <B> KeywordRule<B> before(KeywordRule<B> rule, boolean singleValued, Body<B> first) {
        return new Wrapped<>(rule, singleValued, first);
    }

    /** A keyword of keepalived's LVS (IPVS) half, which Vigil does not do: one warning per block. */
    public static <B> KeywordRule<B> lvs(String keyword) {
        return new Plain<>(keyword, (statement, builder, context) -> context.warning(statement.location(),
                "LVS is not supported; block '" + keyword + "' skipped"));
    }

    public static String notImplementedMessage(String keyword) {
        return "keyword '" + keyword + "' is not implemented yet; ignored";
    }

    /**
     * What the preprocessor left unresolved: an undefined {@code $NAME} where a keyword should be.
     * Ignoring it would silently run a different configuration, so it is an error.
     */
    static boolean rejectedByReader(Statement statement, ParseContext context) {
        String keyword = statement.name();
        if (statement.keyword().quoted()) {
            return false;
        }
        if (keyword.startsWith("$")) {
            context.error(statement.location(), "parameter '" + keyword + "' is not defined (a $NAME=value line "
                    + "must come before its use; write ${NAME} when other characters follow the name)");
            return true;
        }
        return false;
    }

    static <T> java.util.Optional<T> parse(String keyword, ValueType<T> type, Token token, ParseContext context) {
        try {
            return java.util.Optional.of(type.parse(token.text()));
        } catch (InvalidValueException e) {
            context.error(token.location(), "invalid " + keyword + " '" + token.text() + "': " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static boolean noBlock(Statement statement, ParseContext context) {
        if (statement.hasBlock()) {
            context.error(statement.location(), "'" + statement.name() + "' does not take a block; block skipped");
            return false;
        }
        return true;
    }

    private static void warnExtraArguments(Statement statement, int expected, ParseContext context) {
        if (statement.arguments().size() > expected) {
            List<String> extra = statement.argumentTexts().subList(expected, statement.arguments().size());
            context.warning(statement.location(), "'" + statement.name() + "' takes "
                    + (expected == 0 ? "no value" : expected == 1 ? "one value" : expected + " values")
                    + "; extra words ignored: " + String.join(" ", extra));
        }
    }

    /** What a rule does with one statement of its keyword. */
    @FunctionalInterface
    public interface Body<B> {
        void apply(Statement statement, B builder, ParseContext context);
    }

    /** {@code rule} with {@code first} done before it; {@link #before}. */
    private record Wrapped<B>(KeywordRule<B> rule, boolean singleValued, Body<B> first) implements KeywordRule<B> {
        @Override
        public String keyword() {
            return rule.keyword();
        }

        @Override
        public void apply(Statement statement, B builder, ParseContext context) {
            first.apply(statement, builder, context);
            rule.apply(statement, builder, context);
        }
    }

    private record Plain<B>(String keyword, Body<B> body) implements KeywordRule<B> {
        @Override
        public void apply(Statement statement, B builder, ParseContext context) {
            body.apply(statement, builder, context);
        }
    }

    private record SingleValued<B>(String keyword, Body<B> body) implements KeywordRule<B> {
        @Override
        public boolean singleValued() {
            return true;
        }

        @Override
        public void apply(Statement statement, B builder, ParseContext context) {
            body.apply(statement, builder, context);
        }
    }
}
