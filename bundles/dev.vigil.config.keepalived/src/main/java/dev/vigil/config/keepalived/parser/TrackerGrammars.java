package dev.vigil.config.keepalived.parser;

import static dev.vigil.config.keepalived.grammar.Rules.value;
import static dev.vigil.config.keepalived.grammar.Rules.words;

import dev.vigil.config.keepalived.grammar.BlockGrammar;
import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.lexer.Token;
import dev.vigil.config.keepalived.parser.Builders.Tracker;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Keyword tables of the tracker blocks other than {@code vrrp_script}: keepalived's
 * {@code vrrp_track_process} and {@code track_file}, and Vigil's {@code vrrp_track_http},
 * {@code vrrp_track_tcp} and {@code vrrp_track_plugin} (docs/CONTRACTS.md). Kind-specific values
 * go straight into the builder's contract properties.
 */
final class TrackerGrammars {

    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(2_147_483L);
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]*");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    static final Set<String> BUILT_IN_KINDS = Set.of("script", "process", "file", "http", "tcp");
    /** Properties every tracker has: a plugin's {@code param} may not use these names. */
    static final Set<String> COMMON_PROPERTIES = Set.of("vigil.tracker.name", "intervalMillis", "timeoutMillis",
            "rise", "fall", "weight", "reverse", "vigil.config.origin");

    private TrackerGrammars() {
    }

    static BlockGrammar<Tracker> process() {
        return new BlockGrammar<Tracker>("vrrp_track_process")
                .add(words("process", 1, (t, v) -> {
                    t.put("processName", v.value().get(0), v.location());
                    if (v.value().size() > 1) {
                        t.put("parameters", String.join(" ", v.value().subList(1, v.value().size())), v.location());
                    }
                }))
                .add(value("param_match", Values.choice("exact", "partial", "initial"),
                        (t, v) -> t.put("paramMatch", v.value(), v.location())))
                .add(weight())
                .add(value("quorum", Values.integer(1, 65535), (t, v) -> t.put("quorum", v.value(), v.location())))
                .add(value("quorum_max", Values.integer(1, 65535),
                        (t, v) -> t.put("quorumMax", v.value(), v.location())))
                .add(value("delay", Values.decimal(BigDecimal.ZERO, MAX_SECONDS),
                        (t, v) -> t.put("delayMillis", millis(v.value()), v.location())))
                .add(ignoredWithWarning(value("terminate_delay", Values.decimal(BigDecimal.ZERO, MAX_SECONDS),
                        (t, v) -> { })))
                .add(ignoredWithWarning(value("fork_delay", Values.decimal(BigDecimal.ZERO, MAX_SECONDS),
                        (t, v) -> { })))
                .notImplemented("full_command");
    }

    static BlockGrammar<Tracker> file(String blockName) {
        return new BlockGrammar<Tracker>(blockName)
                .add(value("file", Values.word(), (t, v) -> t.put("file", v.value(), v.location())))
                .add(weight())
                .add(new InitFile());
    }

    static BlockGrammar<Tracker> http() {
        return common(new BlockGrammar<Tracker>("vrrp_track_http"))
                .add(value("url", httpUrl(), (t, v) -> t.put("url", v.value(), v.location())))
                .add(new StatusCodes())
                .add(value("digest", hex(), (t, v) -> t.put("digest", v.value().toLowerCase(java.util.Locale.ROOT),
                        v.location())))
                .add(value("connect_timeout", Values.decimal(new BigDecimal("0.001"), MAX_SECONDS),
                        (t, v) -> t.put("connectTimeoutMillis", millis(v.value()), v.location())))
                .add(value("read_timeout", Values.decimal(new BigDecimal("0.001"), MAX_SECONDS),
                        (t, v) -> t.put("readTimeoutMillis", millis(v.value()), v.location())))
                .add(value("tls_verify", Values.bool(), (t, v) -> t.put("tlsVerify", v.value(), v.location())));
    }

    static BlockGrammar<Tracker> tcp() {
        return common(new BlockGrammar<Tracker>("vrrp_track_tcp"))
                .add(value("connect_ip", Values.ipAddress(),
                        (t, v) -> t.put("connectIp", AddressText.canonical(v.value()), v.location())))
                .add(value("connect_port", Values.integer(1, 65535),
                        (t, v) -> t.put("connectPort", v.value(), v.location())))
                .add(value("connect_timeout", Values.decimal(new BigDecimal("0.001"), MAX_SECONDS),
                        (t, v) -> t.put("connectTimeoutMillis", millis(v.value()), v.location())));
    }

    static BlockGrammar<Tracker> plugin() {
        return common(new BlockGrammar<Tracker>("vrrp_track_plugin"))
                .add(value("kind", kind(), (t, v) -> t.pluginKind = v))
                .add(new Param());
    }

    /** interval, timeout, rise, fall, weight: the settings every polling tracker shares. */
    private static BlockGrammar<Tracker> common(BlockGrammar<Tracker> grammar) {
        return grammar
                .add(value("interval", Values.decimal(BigDecimal.ZERO, MAX_SECONDS), (t, v) -> t.interval = v))
                .add(value("timeout", Values.decimal(BigDecimal.ZERO, MAX_SECONDS), (t, v) -> t.timeout = v))
                .add(value("rise", Values.integer(1, UNBOUNDED), (t, v) -> t.rise = v))
                .add(value("fall", Values.integer(1, UNBOUNDED), (t, v) -> t.fall = v))
                .add(weight());
    }

    static int millis(BigDecimal seconds) {
        return seconds.multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }

    private static KeywordRule<Tracker> ignoredWithWarning(KeywordRule<Tracker> rule) {
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return rule.keyword();
            }

            @Override
            public void apply(dev.vigil.config.keepalived.parser.Statement statement, Tracker tracker,
                              ParseContext context) {
                context.warning(statement.location(), "'" + rule.keyword() + "' is not used by Vigil's process "
                        + "tracker (it reads the process table each time); ignored");
                rule.apply(statement, tracker, context);
            }
        };
    }

    /** An http:// or https:// URL with a host (vrrp_track_http, vigil_webhook). */
    static dev.vigil.config.keepalived.grammar.ValueType<String> httpUrl() {
        return text -> {
            try {
                URI uri = new URI(text);
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new InvalidValueException("must be an http:// or https:// URL with a host");
                }
                return text;
            } catch (URISyntaxException e) {
                throw new InvalidValueException("must be an http:// or https:// URL with a host");
            }
        };
    }

    private static dev.vigil.config.keepalived.grammar.ValueType<String> hex() {
        return text -> {
            if (!HEX.matcher(text).matches() || text.length() != 32) {
                throw new InvalidValueException("must be an MD5 digest of the body: 32 hexadecimal digits "
                        + "(as keepalived's HTTP_GET digest, genhash)");
            }
            return text;
        };
    }

    private static dev.vigil.config.keepalived.grammar.ValueType<String> kind() {
        return text -> {
            if (!KIND.matcher(text).matches()) {
                throw new InvalidValueException("must be a lower-case word (letters, digits, '_', '.', '-')");
            }
            if (BUILT_IN_KINDS.contains(text)) {
                throw new InvalidValueException("'" + text + "' is a built-in kind; use its own block (vrrp_script, "
                        + "vrrp_track_process, track_file, vrrp_track_http, vrrp_track_tcp)");
            }
            return text;
        };
    }

    /** {@code weight N [reverse]}, -253..253. */
    static KeywordRule<Tracker> weight() {
        return weightWithReverse((t, v) -> t.weight = v, t -> t.reverse = true);
    }

    /**
     * {@code weight N [reverse]}, -253..253, for any block that has it ({@code vrrp_script} and
     * every tracker block): any other word after the number is a warning and ignored.
     */
    static <B> KeywordRule<B> weightWithReverse(BiConsumer<B, Located<Integer>> setWeight, Consumer<B> setReverse) {
        KeywordRule<B> number = value("weight", Values.integer(-253, 253), setWeight);
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return "weight";
            }

            @Override
            public boolean singleValued() {
                return true;
            }

            @Override
            public void apply(Statement statement, B block, ParseContext context) {
                Statement weightOnly = statement;
                if (statement.arguments().size() >= 2 && !statement.hasBlock()) {
                    Token option = statement.arguments().get(1);
                    if (option.text().equals("reverse")) {
                        setReverse.accept(block);
                    } else {
                        context.warning(option.location(), "unknown weight option '" + option.text()
                                + "'; ignored (only 'reverse' is known)");
                    }
                    weightOnly = new Statement(statement.keyword(), statement.arguments().subList(0, 1), null);
                }
                number.apply(weightOnly, block, context);
            }
        };
    }

    /** {@code init_file [VALUE] [overwrite]}: the value written when the file is missing (default 0). */
    private static final class InitFile implements KeywordRule<Tracker> {
        @Override
        public String keyword() {
            return "init_file";
        }

        @Override
        public boolean singleValued() {
            return true;
        }

        @Override
        public void apply(dev.vigil.config.keepalived.parser.Statement statement, Tracker tracker,
                          ParseContext context) {
            String initial = "0";
            for (Token word : statement.arguments()) {
                if (word.text().equals("overwrite")) {
                    context.warning(statement.location(), "init_file 'overwrite' is not implemented yet; the file "
                            + "is written only when it is missing");
                } else {
                    try {
                        initial = String.valueOf(Values.integer(-2_000_000_000, 2_000_000_000).parse(word.text()));
                    } catch (InvalidValueException e) {
                        context.error(statement.location(), "invalid init_file value '" + word.text() + "': "
                                + e.getMessage());
                        return;
                    }
                }
            }
            tracker.put("initFile", initial, statement.location());
        }
    }

    /** {@code status_code N [N...]}: HTTP statuses that mean up (default 200). */
    private static final class StatusCodes implements KeywordRule<Tracker> {
        @Override
        public String keyword() {
            return "status_code";
        }

        @Override
        public boolean singleValued() {
            return true;
        }

        @Override
        public void apply(dev.vigil.config.keepalived.parser.Statement statement, Tracker tracker,
                          ParseContext context) {
            if (statement.arguments().isEmpty()) {
                context.error(statement.location(), "'status_code' requires a value");
                return;
            }
            List<Integer> codes = new ArrayList<>();
            for (Token word : statement.arguments()) {
                try {
                    codes.add(Values.integer(100, 599).parse(word.text()));
                } catch (InvalidValueException e) {
                    context.error(statement.location(), "invalid status_code '" + word.text() + "': "
                            + e.getMessage());
                    return;
                }
            }
            tracker.put("statusCodes", codes.toArray(Integer[]::new), statement.location());
        }
    }

    /** {@code param KEY VALUE...}: a String property of the plugin's configuration. */
    private static final class Param implements KeywordRule<Tracker> {
        @Override
        public String keyword() {
            return "param";
        }

        @Override
        public void apply(dev.vigil.config.keepalived.parser.Statement statement, Tracker tracker,
                          ParseContext context) {
            if (statement.arguments().size() < 2) {
                context.error(statement.location(), "'param' requires a name and a value");
                return;
            }
            String key = statement.arguments().get(0).text();
            if (COMMON_PROPERTIES.contains(key) || key.startsWith("service.") || key.startsWith("felix.")) {
                context.error(statement.location(), "param '" + key + "' is reserved; choose another name");
                return;
            }
            if (tracker.properties.containsKey(key)) {
                context.warning(statement.location(), "param '" + key + "' is given more than once (first at line "
                        + tracker.properties.get(key).location().line() + "); the last one wins");
            }
            List<String> value = statement.argumentTexts().subList(1, statement.arguments().size());
            tracker.properties.put(key, new Located<>(String.join(" ", value), statement.location()));
        }
    }
}
