package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

/**
 * global_defs' {@code nftables [TABLE]}, {@code nftables_priority}, {@code nftables_counters} and
 * {@code nftables_ifindex}: how the no_accept firewall is made. Present when any of them is given.
 *
 * @param table the table name in the ip and ip6 families (default {@code keepalived})
 * @param priority the in/out chains' hook priority (default -1)
 * @param counters a counter on every rule
 * @param ifindex {@code nftables_ifindex} given (Vigil keys IPv6 link-local VIPs by interface index
 *                whether or not: keepalived's default for instances that track their interface)
 * @param location the {@code nftables} line, else the first other one given
 */
public record NftablesDef(String table, int priority, boolean counters, boolean ifindex, SourceLocation location) {

    public static final String DEFAULT_TABLE = "keepalived";
    public static final int DEFAULT_PRIORITY = -1;
}
