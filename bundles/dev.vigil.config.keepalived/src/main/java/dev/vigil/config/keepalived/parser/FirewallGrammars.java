package dev.vigil.config.keepalived.parser;

import static dev.vigil.config.keepalived.grammar.Rules.flag;
import static dev.vigil.config.keepalived.grammar.Rules.value;

import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.parser.Builders.Global;

import java.util.List;
import java.util.regex.Pattern;

/**
 * global_defs' firewall keywords (the no_accept drop rules). Vigil implements keepalived's
 * nftables firewall only; the iptables keywords are warned about and nftables is used.
 */
final class FirewallGrammars {

    /** What the firewall bundle accepts as a table name (nft needs no quoting for it). */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private FirewallGrammars() {
    }

    static List<KeywordRule<Global>> global() {
        return List.of(
                nftablesTable(),
                value("nftables_priority", Values.integer(Integer.MIN_VALUE, Integer.MAX_VALUE),
                        (g, v) -> g.nftablesPriority = v),
                flag("nftables_counters", (g, at) -> g.nftablesCounters = at),
                flag("nftables_ifindex", (g, at) -> g.nftablesIfindex = at),
                nftablesInstead("vrrp_iptables", "the iptables chains are not used"),
                nftablesInstead("vrrp_ipsets", "no ipsets are made"));
    }

    /** {@code nftables [TABLE]}. */
    private static KeywordRule<Global> nftablesTable() {
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return "nftables";
            }

            @Override
            public boolean singleValued() {
                return true;
            }

            @Override
            public void apply(Statement statement, Global g, ParseContext context) {
                List<String> words = statement.argumentTexts();
                if (words.size() > 1) {
                    context.warning(statement.location(), "nftables takes one table name; extra words ignored: "
                            + String.join(" ", words.subList(1, words.size())));
                }
                if (!words.isEmpty() && !TABLE.matcher(words.get(0)).matches()) {
                    context.error(statement.location(), "nftables table name '" + words.get(0) + "' is invalid "
                            + "(a letter, then up to 63 letters, digits, '_', '.' or '-')");
                    return;
                }
                g.nftables = new Located<>(words.isEmpty() ? List.of() : List.of(words.get(0)), statement.location());
            }
        };
    }

    /** keepalived prefers nftables when both are given; Vigil has nftables only. */
    private static KeywordRule<Global> nftablesInstead(String keyword, String consequence) {
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public void apply(Statement statement, Global g, ParseContext context) {
                context.warning(statement.location(), keyword + ": Vigil makes the no_accept drop rules with nftables "
                        + "only (see 'nftables'); " + consequence);
            }
        };
    }
}
