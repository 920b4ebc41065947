package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.model.NftablesDef;
import dev.vigil.config.keepalived.parser.Builders.Global;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** global_defs' nftables keywords into an {@link NftablesDef}; the grammar has checked the values. */
final class FirewallResolver {

    private FirewallResolver() {
    }

    static Optional<NftablesDef> nftables(Global g) {
        Optional<SourceLocation> first = Stream.of(g.nftables == null ? null : g.nftables.location(),
                        g.nftablesPriority == null ? null : g.nftablesPriority.location(), g.nftablesCounters,
                        g.nftablesIfindex)
                .filter(Objects::nonNull).findFirst();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        String table = g.nftables == null || g.nftables.value().isEmpty() ? NftablesDef.DEFAULT_TABLE
                : g.nftables.value().get(0);
        int priority = g.nftablesPriority == null ? NftablesDef.DEFAULT_PRIORITY : g.nftablesPriority.value();
        return Optional.of(new NftablesDef(table, priority, g.nftablesCounters != null, g.nftablesIfindex != null,
                first.get()));
    }
}
