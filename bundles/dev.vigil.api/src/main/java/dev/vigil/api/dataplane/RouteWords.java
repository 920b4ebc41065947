package dev.vigil.api.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** The pieces of iproute2's syntax that routes and rules share: prefixes, tables, protocols, scopes. */
final class RouteWords {

    static final int TABLE_MAIN = 254;
    /** RTPROT_KEEPALIVED: keepalived marks what it installs with it, and so does Vigil. */
    static final int PROTOCOL_KEEPALIVED = 18;

    private static final Map<String, Integer> TABLES = Map.of("default", 253, "main", 254, "local", 255);
    private static final Map<String, Integer> PROTOCOLS = Map.of("redirect", 1, "kernel", 2, "boot", 3,
            "static", 4, "keepalived", 18);
    static final Map<String, Integer> SCOPES = Map.of("global", 0, "universe", 0, "site", 200, "link", 253,
            "host", 254, "nowhere", 255);

    private RouteWords() {
    }

    /** An address with its prefix length; {@code default}, {@code any} and {@code all} are the zero prefix. */
    record Prefix(InetAddress address, int length) {
        boolean ipv4() {
            return address instanceof Inet4Address;
        }

        @Override
        public String toString() {
            return text(address) + "/" + length;
        }
    }

    /** RFC 5952 text for IPv6 (lower case, the longest run of two or more zero groups as ::). */
    static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    static Prefix prefix(String text, boolean defaultIpv6) {
        if (text.equals("default") || text.equals("any") || text.equals("all")) {
            return new Prefix(literal(defaultIpv6 ? "::" : "0.0.0.0", text), 0);
        }
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash), text);
        int max = address instanceof Inet4Address ? 32 : 128;
        int length = slash < 0 ? max : number(text.substring(slash + 1), 0, max, "prefix length in " + text);
        return new Prefix(address, length);
    }

    /** An address literal, never a host name (no DNS here). */
    static InetAddress literal(String text, String context) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
            throw new IllegalArgumentException("'" + context + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + context + "' is not an IP address");
        }
    }

    static int number(String text, long min, long max, String what) {
        long value;
        try {
            value = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " '" + text + "' out of range " + min + "-" + max);
        }
        return (int) value;
    }

    static int table(String text) {
        Integer named = TABLES.get(text);
        int table = named != null ? named : number(text, 1, 0xffffffffL, "table");
        if (table == 0) {
            throw new IllegalArgumentException("table 0 is not valid");
        }
        return table;
    }

    static int protocol(String text) {
        Integer named = PROTOCOLS.get(text);
        return named != null ? named : number(text, 0, 255, "protocol");
    }

    static int scope(String text) {
        Integer named = SCOPES.get(text);
        if (named != null) {
            return named;
        }
        if (!text.matches("(0x)?[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("unknown scope '" + text + "' (global, site, link, host, nowhere or 0-255)");
        }
        return number(text, 0, 255, "scope");
    }

    static String scopeName(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(scope);
        };
    }

    static String tableName(int table) {
        return TABLES.entrySet().stream().filter(e -> e.getValue() == table).map(Map.Entry::getKey).findFirst()
                .orElse(Integer.toUnsignedString(table));
    }

    static String protocolName(int protocol) {
        return PROTOCOLS.entrySet().stream().filter(e -> e.getValue() == protocol).map(Map.Entry::getKey)
                .findFirst().orElse(Integer.toString(protocol));
    }

    /** The word after {@code words[index]}, which names it. */
    static String valueOf(List<String> words, int index) {
        if (index + 1 >= words.size()) {
            throw new IllegalArgumentException("'" + words.get(index) + "' needs a value");
        }
        return words.get(index + 1);
    }

    static void sameFamily(boolean ipv4, InetAddress address, String what) {
        if ((address instanceof Inet4Address) != ipv4) {
            throw new IllegalArgumentException("cannot mix IPv4 and IPv6 addresses (" + what + " "
                    + address.getHostAddress() + ")");
        }
    }
}
