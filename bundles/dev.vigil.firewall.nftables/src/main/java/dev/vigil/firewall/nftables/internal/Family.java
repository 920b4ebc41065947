package dev.vigil.firewall.nftables.internal;

/** The nftables families keepalived makes its table in: one table per address family, same name. */
enum Family {
    IP("ip"), IP6("ip6");

    final String keyword;

    Family(String keyword) {
        this.keyword = keyword;
    }
}
