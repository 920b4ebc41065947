package dev.vigil.api.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One policy routing rule as keepalived's {@code virtual_rules} and {@code static_rules} give it:
 * {@code [inet6] [not] [from P] [to P] [iif IF] [oif IF] [fwmark M[/MASK]] priority N
 * (table T | blackhole | unreachable | prohibit) [no_track protocol P]}. {@link #toString()} is
 * the normalised text {@link #parse} reads back.
 *
 * @param ipv6 the family (from the addresses, or {@code inet6}; IPv4 otherwise)
 * @param from source prefix, or null for all
 * @param to destination prefix, or null for all
 * @param invert {@code not}
 * @param priority {@code priority}/{@code preference}/{@code order}: required, since the kernel
 *                 deletes the first rule that matches and Vigil must delete its own
 * @param table the table looked up for {@link Action#TABLE}, 0 otherwise
 * @param fwmark the firewall mark, or -1 for none
 * @param fwmask the mark's mask, or -1 for none
 * @param inputInterface {@code iif} ({@code dev}), or null
 * @param outputInterface {@code oif}, or null
 * @param protocol 18 ({@code keepalived}) unless {@code no_track protocol P}
 */
public record VirtualRule(boolean ipv6, InetAddress from, int fromLength, InetAddress to, int toLength,
        boolean invert, long priority, Action action, int table, long fwmark, long fwmask, String inputInterface,
        String outputInterface, int protocol) {

    /** What a matching packet gets. */
    public enum Action {
        TABLE, BLACKHOLE, UNREACHABLE, PROHIBIT;

        String word() {
            return name().toLowerCase();
        }
    }

    private static final Set<String> UNSUPPORTED = Set.of("tos", "dsfield", "realms", "suppress_prefixlength",
            "sup_pl", "suppress_ifgroup", "sup_group", "tunnel-id", "uidrange", "l3mdev", "ipproto", "sport", "dport",
            "goto", "nop", "track_group", "type");

    public VirtualRule {
        Objects.requireNonNull(action, "action");
        if (from != null) {
            RouteWords.sameFamily(!ipv6, from, "from");
        }
        if (to != null) {
            RouteWords.sameFamily(!ipv6, to, "to");
        }
        if (priority < 0 || priority > 0xffffffffL) {
            throw new IllegalArgumentException("rule priority " + priority + " out of range 0-4294967295");
        }
        if ((action == Action.TABLE) != (table != 0)) {
            throw new IllegalArgumentException("a rule has either a table or one of blackhole/unreachable/prohibit");
        }
        if (fwmask != -1 && fwmark == -1) {
            throw new IllegalArgumentException("a mark mask needs a mark");
        }
    }

    public static VirtualRule parse(String text) {
        return parse(text, warning -> { });
    }

    /**
     * Parses keepalived's rule syntax (the subset above; {@code lookup}, {@code dev},
     * {@code preference}/{@code order}, {@code inet} too).
     *
     * @throws IllegalArgumentException with the reason, for what is invalid or not supported
     */
    public static VirtualRule parse(String text, Consumer<String> warnings) {
        List<String> words = List.of(text.trim().split("\\s+"));
        Boolean ipv4 = null;
        RouteWords.Prefix from = null;
        RouteWords.Prefix to = null;
        String fromText = null;
        String toText = null;
        boolean invert = false;
        Long priority = null;
        Action action = null;
        int table = 0;
        long fwmark = -1;
        long fwmask = -1;
        String iif = null;
        String oif = null;
        Integer protocol = null;
        boolean noTrack = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "inet", "inet6" -> ipv4 = family(ipv4, word.equals("inet"));
                case "from" -> fromText = RouteWords.valueOf(words, i++);
                case "to" -> toText = RouteWords.valueOf(words, i++);
                case "not" -> invert = true;
                case "priority", "preference", "order" -> priority = Integer.toUnsignedLong(
                        RouteWords.number(RouteWords.valueOf(words, i++), 0, 0xffffffffL, "rule priority"));
                case "table", "lookup" -> {
                    action = action(action, Action.TABLE);
                    table = RouteWords.table(RouteWords.valueOf(words, i++));
                }
                case "blackhole", "unreachable", "prohibit" -> action = action(action, Action.valueOf(word.toUpperCase()));
                case "fwmark" -> {
                    String mark = RouteWords.valueOf(words, i++);
                    int slash = mark.indexOf('/');
                    fwmark = Integer.toUnsignedLong(RouteWords.number(slash < 0 ? mark : mark.substring(0, slash),
                            0, 0xffffffffL, "fwmark"));
                    if (slash >= 0) {
                        fwmask = Integer.toUnsignedLong(RouteWords.number(mark.substring(slash + 1), 0, 0xffffffffL,
                                "fwmark mask"));
                    }
                }
                case "dev", "iif" -> iif = RouteWords.valueOf(words, i++);
                case "oif" -> oif = RouteWords.valueOf(words, i++);
                case "protocol", "proto" -> protocol = RouteWords.protocol(RouteWords.valueOf(words, i++));
                case "no_track" -> noTrack = true;
                default -> throw new IllegalArgumentException(UNSUPPORTED.contains(word)
                        ? "rule option '" + word + "' is not supported" : "unknown rule option '" + word + "'");
            }
        }
        if (fromText != null) {
            from = RouteWords.prefix(fromText, Boolean.FALSE.equals(ipv4));
            ipv4 = fromText.equals("all") || fromText.equals("any") || fromText.equals("default") ? ipv4
                    : family(ipv4, from.ipv4());
        }
        if (toText != null) {
            to = RouteWords.prefix(toText, Boolean.FALSE.equals(ipv4));
            ipv4 = toText.equals("all") || toText.equals("any") || toText.equals("default") ? ipv4
                    : family(ipv4, to.ipv4());
        }
        boolean v6 = Boolean.FALSE.equals(ipv4);
        if (action == null) {
            throw new IllegalArgumentException("a rule needs an action: table N, blackhole, unreachable or prohibit");
        }
        if (priority == null) {
            throw new IllegalArgumentException("a rule needs a priority (keepalived would pick one and warn)");
        }
        if (protocol != null && protocol != RouteWords.PROTOCOL_KEEPALIVED && !noTrack) {
            warnings.accept("a rule without no_track is marked protocol keepalived (18); protocol "
                    + RouteWords.protocolName(protocol) + " ignored");
            protocol = null;
        }
        return new VirtualRule(v6, address(from), length(from), address(to), length(to), invert, priority,
                action, table, fwmark, fwmask, iif, oif, protocol == null ? RouteWords.PROTOCOL_KEEPALIVED : protocol);
    }

    /** {@code from all} is no selector at all, as iproute2 reads it. */
    private static InetAddress address(RouteWords.Prefix prefix) {
        if (prefix == null || prefix.length() == 0) {
            return null;
        }
        return prefix.address();
    }

    private static int length(RouteWords.Prefix prefix) {
        return prefix == null ? 0 : prefix.length();
    }

    private static Action action(Action known, Action next) {
        if (known != null) {
            throw new IllegalArgumentException("a rule has one action of table/blackhole/unreachable/prohibit");
        }
        return next;
    }

    private static Boolean family(Boolean known, boolean ipv4) {
        if (known != null && known != ipv4) {
            throw new IllegalArgumentException("cannot mix IPv4 and IPv6 in one rule");
        }
        return ipv4;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (ipv6 && from == null && to == null) {
            s.append("inet6 ");
        }
        if (invert) {
            s.append("not ");
        }
        if (from != null) {
            s.append("from ").append(RouteWords.text(from)).append('/').append(fromLength).append(' ');
        }
        if (to != null) {
            s.append("to ").append(RouteWords.text(to)).append('/').append(toLength).append(' ');
        }
        if (inputInterface != null) {
            s.append("iif ").append(inputInterface).append(' ');
        }
        if (outputInterface != null) {
            s.append("oif ").append(outputInterface).append(' ');
        }
        if (fwmark != -1) {
            s.append("fwmark 0x").append(Long.toHexString(fwmark));
            if (fwmask != -1) {
                s.append("/0x").append(Long.toHexString(fwmask));
            }
            s.append(' ');
        }
        s.append("priority ").append(priority).append(' ');
        s.append(action == Action.TABLE ? "table " + RouteWords.tableName(table) : action.word());
        if (protocol != RouteWords.PROTOCOL_KEEPALIVED) {
            s.append(" no_track protocol ").append(RouteWords.protocolName(protocol));
        }
        return s.toString();
    }
}
