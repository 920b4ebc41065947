package dev.vigil.firewall.nftables.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The nft scripts (fed to {@code nft -f -}) for keepalived's no_accept layout: per family a table
 * (default {@code keepalived}) with base chains {@code in} (input hook) and {@code out} (output
 * hook) at the configured priority (default -1, just before the usual filter chains), a set
 * {@code vips}, and rules dropping packets to a VIP on input and from one on output. IPv6 adds
 * link-local VIPs keyed by interface, and lets neighbour discovery through first so that the
 * VIP still resolves and keeps serving as a next hop.
 */
final class NftScript {

    /** Written as the table's comment: how we recognise a table an earlier run of Vigil left behind. */
    static final String MARKER = "vigil no_accept drop rules";

    private final String table;
    private final int priority;
    private final boolean counters;
    private final boolean linkLocalByIndex;

    NftScript(FirewallSettings settings) {
        this.table = settings.table();
        this.priority = settings.priority();
        this.counters = settings.counters();
        this.linkLocalByIndex = settings.linkLocalByIndex();
    }

    /** {@code ip keepalived}: how the table is named in logs and commands. */
    String tableName(Family family) {
        return family.keyword + " " + table;
    }

    /** Creates the table and everything in it; fails (File exists) when the table is there already. */
    String createTable(Family family) {
        String t = tableName(family);
        String drop = (counters ? "counter " : "") + "drop";
        String hookIn = "{ type filter hook input priority " + priority + "; policy accept; }";
        String hookOut = "{ type filter hook output priority " + priority + "; policy accept; }";
        StringBuilder s = new StringBuilder();
        s.append("create table ").append(t).append(" { comment \"").append(MARKER).append("\"; }\n");
        if (family == Family.IP) {
            s.append("add set ").append(t).append(" vips { type ipv4_addr; }\n");
            s.append("add chain ").append(t).append(" in ").append(hookIn).append('\n');
            s.append("add chain ").append(t).append(" out ").append(hookOut).append('\n');
            s.append("add rule ").append(t).append(" in ip daddr @vips ").append(drop).append('\n');
            s.append("add rule ").append(t).append(" out ip saddr @vips ").append(drop).append('\n');
            return s.toString();
        }
        String linkLocalSet = linkLocalByIndex ? NftElement.LINK_LOCAL_BY_INDEX : NftElement.LINK_LOCAL_BY_NAME;
        String linkLocalType = linkLocalByIndex ? "ipv6_addr . iface_index" : "ipv6_addr . ifname";
        String inIf = linkLocalByIndex ? "iif" : "iifname";
        String outIf = linkLocalByIndex ? "oif" : "oifname";
        String neighbourDiscovery = "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } "
                + (counters ? "counter " : "") + "accept";
        s.append("add set ").append(t).append(" vips { type ipv6_addr; }\n");
        s.append("add set ").append(t).append(' ').append(linkLocalSet).append(" { type ").append(linkLocalType)
                .append("; }\n");
        s.append("add chain ").append(t).append(" in_link_local\n");
        s.append("add chain ").append(t).append(" out_link_local\n");
        s.append("add rule ").append(t).append(" in_link_local ip6 daddr . ").append(inIf).append(" @")
                .append(linkLocalSet).append(' ').append(drop).append('\n');
        s.append("add rule ").append(t).append(" out_link_local ip6 saddr . ").append(outIf).append(" @")
                .append(linkLocalSet).append(' ').append(drop).append('\n');
        s.append("add chain ").append(t).append(" in ").append(hookIn).append('\n');
        s.append("add chain ").append(t).append(" out ").append(hookOut).append('\n');
        s.append("add rule ").append(t).append(" in ").append(neighbourDiscovery).append('\n');
        s.append("add rule ").append(t).append(" in ip6 daddr fe80::/10 goto in_link_local\n");
        s.append("add rule ").append(t).append(" in ip6 daddr @vips ").append(drop).append('\n');
        s.append("add rule ").append(t).append(" out ").append(neighbourDiscovery).append('\n');
        s.append("add rule ").append(t).append(" out ip6 saddr fe80::/10 goto out_link_local\n");
        s.append("add rule ").append(t).append(" out ip6 saddr @vips ").append(drop).append('\n');
        return s.toString();
    }

    String listTable(Family family) {
        return "list table " + tableName(family) + "\n";
    }

    String deleteTable(Family family) {
        return "delete table " + tableName(family) + "\n";
    }

    /** One transaction: the elements gone are deleted, then the new ones added. */
    String update(Collection<NftElement> added, Collection<NftElement> removed) {
        return elements("delete", removed) + elements("add", added);
    }

    private String elements(String verb, Collection<NftElement> elements) {
        Map<String, List<String>> bySet = elements.stream().collect(Collectors.groupingBy(
                e -> tableName(e.family()) + " " + e.set(), TreeMap::new,
                Collectors.mapping(NftElement::value, Collectors.toList())));
        StringBuilder s = new StringBuilder();
        bySet.forEach((set, values) -> s.append(verb).append(" element ").append(set).append(" { ")
                .append(values.stream().sorted().collect(Collectors.joining(", "))).append(" }\n"));
        return s.toString();
    }
}
