package dev.vigil.firewall.nftables.internal;

import java.util.regex.Pattern;

/**
 * What the {@code nftables}, {@code nftables_priority}, {@code nftables_counters} and
 * {@code nftables_ifindex} keywords set.
 *
 * @param table the table name in both families (keepalived's default {@code keepalived})
 * @param priority the base chains' hook priority (default -1)
 * @param counters a counter on every rule, for debugging
 * @param linkLocalByIndex link-local VIPs keyed by interface index, not name
 */
record FirewallSettings(String table, int priority, boolean counters, boolean linkLocalByIndex) {

    /** nft identifiers: a letter, then letters, digits, '_', '.', '-' (keeps scripts unquoted). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    FirewallSettings {
        if (table == null || !NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("nftables table name '" + table
                    + "' is invalid (a letter, then up to 63 letters, digits, '_', '.' or '-')");
        }
    }
}
