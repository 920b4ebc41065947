package dev.vigil.api.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One route as keepalived's {@code virtual_routes} and {@code static_routes} give it:
 * {@code [TYPE] DEST[/LEN] [via GW] [dev IF] [src ADDR] [table T] [metric N] [scope S]
 * [no_track] [protocol P]}. {@link #toString()} is the normalised text {@link #parse} reads back,
 * the form the ConfigAdmin properties carry.
 *
 * @param type what the kernel does with matching packets
 * @param destination the network (the zero address for {@code default})
 * @param prefixLength the network's length; 32 or 128 when not given
 * @param gateway {@code via}, or null
 * @param device {@code dev}, or null
 * @param source {@code src}: the preferred source address, or null
 * @param table routing table, 254 (main) by default
 * @param metric {@code metric}, 0 when not given (the kernel's default)
 * @param scope 0 (global) by default, 253 link, 254 host
 * @param protocol 18 ({@code keepalived}, as keepalived marks its routes) unless {@code no_track protocol P}
 */
public record VirtualRoute(Type type, InetAddress destination, int prefixLength, InetAddress gateway, String device,
        InetAddress source, int table, int metric, int scope, int protocol) {

    /** The route types iproute2 names; Vigil installs these. */
    public enum Type {
        UNICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW;

        String word() {
            return name().toLowerCase();
        }
    }

    private static final Set<String> UNSUPPORTED = Set.of("from", "tos", "dsfield", "onlink", "encap", "expires",
            "mtu", "hoplimit", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "ssthresh", "realms",
            "rto_min", "initcwnd", "initrwnd", "features", "quickack", "congctl", "pref", "ttl-propagate",
            "fastopen_no_cookie", "prepend", "append", "or", "nexthop", "track_group", "vrf", "as", "local",
            "broadcast", "anycast", "multicast", "nat");

    public VirtualRoute {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        boolean v4 = destination instanceof Inet4Address;
        if (prefixLength < 0 || prefixLength > (v4 ? 32 : 128)) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
        if (gateway != null) {
            RouteWords.sameFamily(v4, gateway, "via");
        }
        if (source != null) {
            RouteWords.sameFamily(v4, source, "src");
        }
        if (type == Type.UNICAST && gateway == null && device == null) {
            throw new IllegalArgumentException("a route needs 'via' or 'dev' (or a type such as blackhole)");
        }
        if (type != Type.UNICAST && (gateway != null || device != null)) {
            throw new IllegalArgumentException("a " + type.word() + " route has no 'via' or 'dev'");
        }
        if (table == 0) {
            throw new IllegalArgumentException("table 0 is not valid");
        }
        if (scope < 0 || scope > 255 || protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("scope and protocol are 0-255");
        }
    }

    public boolean ipv4() {
        return destination instanceof Inet4Address;
    }

    /** Parses the normalised text; a line keepalived accepts but Vigil does not warns nothing here: it throws. */
    public static VirtualRoute parse(String text) {
        return parse(text, warning -> { });
    }

    /**
     * Parses keepalived's route syntax (the subset above; {@code to}, {@code gw}, {@code oif},
     * {@code priority}/{@code preference}, {@code inet}/{@code inet6} too).
     *
     * @param warnings told about accepted but changed words ({@code gw}, a protocol without {@code no_track})
     * @throws IllegalArgumentException with the reason, for what is invalid or not supported
     */
    public static VirtualRoute parse(String text, Consumer<String> warnings) {
        List<String> words = List.of(text.trim().split("\\s+"));
        Boolean ipv4 = null;
        Type type = Type.UNICAST;
        String destination = null;
        InetAddress gateway = null;
        InetAddress source = null;
        String device = null;
        int table = RouteWords.TABLE_MAIN;
        int metric = 0;
        int scope = 0;
        Integer protocol = null;
        boolean noTrack = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "inet", "inet6" -> ipv4 = family(ipv4, word.equals("inet"));
                case "via", "gw" -> {
                    if (word.equals("gw")) {
                        warnings.accept("'gw' for routes is deprecated, please use 'via'");
                    }
                    gateway = RouteWords.literal(RouteWords.valueOf(words, i++), "via " + words.get(i));
                    ipv4 = family(ipv4, gateway instanceof Inet4Address);
                }
                case "src" -> {
                    source = RouteWords.literal(RouteWords.valueOf(words, i++), "src " + words.get(i));
                    ipv4 = family(ipv4, source instanceof Inet4Address);
                }
                case "dev", "oif" -> device = RouteWords.valueOf(words, i++);
                case "table" -> table = RouteWords.table(RouteWords.valueOf(words, i++));
                case "metric", "priority", "preference" ->
                        metric = RouteWords.number(RouteWords.valueOf(words, i++), 0, 0xffffffffL, "metric");
                case "scope" -> scope = RouteWords.scope(RouteWords.valueOf(words, i++));
                case "protocol", "proto" -> protocol = RouteWords.protocol(RouteWords.valueOf(words, i++));
                case "no_track" -> noTrack = true;
                case "add", "to" -> {
                    // 'add' is what Vigil does anyway (as 'ip route add'); 'to' only introduces the destination
                }
                default -> {
                    if (UNSUPPORTED.contains(word)) {
                        throw new IllegalArgumentException("route option '" + word + "' is not supported");
                    }
                    Type named = typeNamed(word);
                    if (named != null) {
                        type = named;
                    } else if (destination != null) {
                        throw new IllegalArgumentException("unknown route option '" + word + "'");
                    } else {
                        destination = word;
                    }
                }
            }
        }
        if (destination == null) {
            throw new IllegalArgumentException("a route needs a destination");
        }
        RouteWords.Prefix dest = RouteWords.prefix(destination, Boolean.FALSE.equals(ipv4));
        family(ipv4, dest.ipv4());
        if (protocol != null && protocol != RouteWords.PROTOCOL_KEEPALIVED && !noTrack) {
            warnings.accept("a route without no_track is marked protocol keepalived (18); protocol "
                    + RouteWords.protocolName(protocol) + " ignored");
            protocol = null;
        }
        return new VirtualRoute(type, dest.address(), dest.length(), gateway, device, source, table, metric, scope,
                protocol == null ? RouteWords.PROTOCOL_KEEPALIVED : protocol);
    }

    private static Type typeNamed(String word) {
        for (Type t : Type.values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        return null;
    }

    private static Boolean family(Boolean known, boolean ipv4) {
        if (known != null && known != ipv4) {
            throw new IllegalArgumentException("cannot mix IPv4 and IPv6 in one route");
        }
        return ipv4;
    }

    /** The normalised text: defaults left out, names where iproute2 has them. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (type != Type.UNICAST) {
            s.append(type.word()).append(' ');
        }
        s.append(RouteWords.text(destination)).append('/').append(prefixLength);
        if (gateway != null) {
            s.append(" via ").append(RouteWords.text(gateway));
        }
        if (device != null) {
            s.append(" dev ").append(device);
        }
        if (source != null) {
            s.append(" src ").append(RouteWords.text(source));
        }
        if (table != RouteWords.TABLE_MAIN) {
            s.append(" table ").append(RouteWords.tableName(table));
        }
        if (metric != 0) {
            s.append(" metric ").append(Integer.toUnsignedString(metric));
        }
        if (scope != 0) {
            s.append(" scope ").append(RouteWords.scopeName(scope));
        }
        if (protocol != RouteWords.PROTOCOL_KEEPALIVED) {
            s.append(" no_track protocol ").append(RouteWords.protocolName(protocol));
        }
        return s.toString();
    }
}
