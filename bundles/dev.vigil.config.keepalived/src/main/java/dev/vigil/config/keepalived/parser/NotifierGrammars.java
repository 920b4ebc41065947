package dev.vigil.config.keepalived.parser;

import static dev.vigil.config.keepalived.grammar.Rules.value;

import dev.vigil.config.keepalived.grammar.BlockGrammar;
import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.lexer.Token;
import dev.vigil.config.keepalived.parser.Builders.NotifyLine;
import dev.vigil.config.keepalived.parser.Builders.Webhook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Keyword rules of the notifier settings: keepalived's notify script and FIFO lines, its
 * {@code smtp_server}, and Vigil's {@code vigil_webhook} block (docs/CONTRACTS.md).
 */
final class NotifierGrammars {

    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(2_147_483L);
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    private NotifierGrammars() {
    }

    /**
     * {@code KEYWORD COMMAND [USER [GROUP]]}: a notify script as keepalived reads it. The command is
     * one word or one quoted string, split into argv with keepalived's quoting; the words after it
     * name the user (and group) it runs as. As in keepalived, the first line of a keyword counts.
     */
    static <B> KeywordRule<B> notifyScript(String keyword, Function<B, Map<String, NotifyLine>> lines) {
        return new NotifyLineRule<>(keyword, true, lines);
    }

    /** {@code notify_fifo PATH [USER [GROUP]]} and {@code vrrp_notify_fifo}: the first one counts. */
    static <B> KeywordRule<B> fifo(String keyword, Function<B, Map<String, NotifyLine>> lines) {
        return new NotifyLineRule<>(keyword, false, lines);
    }

    /** {@code smtp_server HOST [PORT]}: an address or a host name (never resolved here), port 1-65535. */
    static <B> KeywordRule<B> smtpServer(BiConsumer<B, Located<List<String>>> setter) {
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return "smtp_server";
            }

            @Override
            public boolean singleValued() {
                return true;
            }

            @Override
            public void apply(Statement statement, B builder, ParseContext context) {
                List<String> words = statement.argumentTexts();
                if (statement.hasBlock() || words.isEmpty()) {
                    context.error(statement.location(), "'smtp_server' requires a host name or address");
                    return;
                }
                if (Values.parseAddress(words.get(0)).isEmpty() && !HOST_NAME.matcher(words.get(0)).matches()) {
                    context.error(statement.location(), "invalid smtp_server '" + words.get(0)
                            + "': must be an IP address or a host name");
                    return;
                }
                if (words.size() > 1) {
                    try {
                        Values.integer(1, 65535).parse(words.get(1));
                    } catch (InvalidValueException e) {
                        context.error(statement.location(), "invalid smtp_server port '" + words.get(1) + "': "
                                + e.getMessage());
                        return;
                    }
                }
                if (words.size() > 2) {
                    context.warning(statement.location(), "'smtp_server' takes a host and a port; extra words "
                            + "ignored: " + String.join(" ", words.subList(2, words.size())));
                    words = words.subList(0, 2);
                }
                setter.accept(builder, new Located<>(words, statement.location()));
            }
        };
    }

    /**
     * {@code vigil_webhook NAME { url URL; secret S; timeout SECONDS; retry_for SECONDS;
     * instances VI_1 ...; groups G1 ... }}: Vigil's own block (keepalived warns about it and
     * carries on, so the file stays usable by keepalived).
     */
    static BlockGrammar<Webhook> webhook() {
        KeywordRule<Webhook> url = value("url", TrackerGrammars.httpUrl(), (w, v) -> w.url = v);
        return new BlockGrammar<Webhook>("vigil_webhook")
                .add(new KeywordRule<Webhook>() {
                    @Override
                    public String keyword() {
                        return "url";
                    }

                    @Override
                    public boolean singleValued() {
                        return true;
                    }

                    @Override
                    public void apply(Statement statement, Webhook webhook, ParseContext context) {
                        webhook.urlGiven = true; // an invalid url is reported once, not again as missing
                        url.apply(statement, webhook, context);
                    }
                })
                .add(value("secret", Values.word(), (w, v) -> w.secret = v))
                .add(value("timeout", Values.decimal(new BigDecimal("0.001"), MAX_SECONDS), (w, v) -> w.timeout = v))
                .add(value("retry_for", Values.decimal(BigDecimal.ZERO, MAX_SECONDS), (w, v) -> w.retryFor = v))
                .add(names("instances", w -> w.instances))
                .add(names("groups", w -> w.groups));
    }

    /** {@code KEYWORD NAME...} or {@code KEYWORD { NAME... }}; repeated lines add up. */
    private static <B> KeywordRule<B> names(String keyword, Function<B, List<Located<String>>> list) {
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public void apply(Statement statement, B builder, ParseContext context) {
                List<Located<String>> names = new ArrayList<>();
                statement.arguments().forEach(t -> names.add(new Located<>(t.text(), t.location())));
                if (statement.hasBlock()) {
                    for (Statement line : statement.block()) {
                        names.add(new Located<>(line.name(), line.location()));
                        line.arguments().forEach(t -> names.add(new Located<>(t.text(), t.location())));
                    }
                }
                if (names.isEmpty()) {
                    context.error(statement.location(), "'" + keyword + "' requires at least one name");
                    return;
                }
                list.apply(builder).addAll(names);
            }
        };
    }

    /** {@code KEYWORD VALUE [USER [GROUP]]}, shared by the notify scripts and the FIFOs. */
    private record NotifyLineRule<B>(String keyword, boolean command, Function<B, Map<String, NotifyLine>> lines)
            implements KeywordRule<B> {

        @Override
        public void apply(Statement statement, B builder, ParseContext context) {
            if (statement.hasBlock()) {
                context.error(statement.location(), "'" + keyword + "' does not take a block; block skipped");
                return;
            }
            List<Token> words = statement.arguments();
            if (words.isEmpty() || words.get(0).text().isBlank()) {
                context.error(statement.location(), "'" + keyword + "' requires a value");
                return;
            }
            NotifyLine first = lines.apply(builder).get(keyword);
            if (first != null) {
                context.warning(statement.location(), "'" + keyword + "' is already given at "
                        + where(first, statement) + "; this one is ignored (keepalived keeps the first)");
                return;
            }
            String value = words.get(0).text();
            List<String> argv = command ? ScriptCommand.split(value) : List.of(value);
            if (argv.isEmpty()) {
                context.error(statement.location(), "unbalanced quotes in " + keyword + " '" + value + "'");
                return;
            }
            if (words.size() > 3) {
                context.warning(statement.location(), "'" + keyword + "' takes a " + (command ? "command" : "path")
                        + ", a user and a group; extra words ignored: " + String.join(" ",
                        statement.argumentTexts().subList(3, words.size()))
                        + (command ? " (quote the command to give it arguments)" : ""));
            }
            lines.apply(builder).put(keyword, new NotifyLine(keyword, value, argv, word(words, 1), word(words, 2),
                    statement.location()));
        }

        private static Optional<String> word(List<Token> words, int index) {
            return index < words.size() ? Optional.of(words.get(index).text()) : Optional.empty();
        }

        private static String where(NotifyLine first, Statement statement) {
            return first.location().file().equals(statement.location().file())
                    ? "line " + first.location().line() : first.location().toString();
        }
    }
}
