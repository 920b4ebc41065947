package dev.vigil.config.keepalived.cm;

import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.model.NftablesDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@code vigil.firewall.nftables~default} configuration, read by
 * dev.vigil.firewall.nftables. Written, as keepalived sets up its nftables firewall, when the file
 * has an nftables keyword or an instance runs in no_accept mode; absent otherwise, so that no
 * firewall runs and nothing in nftables is touched.
 */
final class FirewallProperties {

    static final String FACTORY_PID = "vigil.firewall.nftables";
    static final String NAME = "default";
    static final String TABLE = "table";
    static final String PRIORITY = "priority";
    static final String COUNTERS = "counters";
    static final String IFINDEX = "ifindex";

    private FirewallProperties() {
    }

    /** The exact properties, or empty when nothing needs the firewall. */
    static Optional<Map<String, Object>> of(KeepalivedConfig config) {
        Optional<NftablesDef> given = config.globalDefs().nftables();
        Optional<VrrpInstanceDef> noAccept = config.instances().stream().filter(VrrpInstanceDef::noAccept).findFirst();
        if (given.isEmpty() && noAccept.isEmpty()) {
            return Optional.empty();
        }
        NftablesDef n = given.orElseGet(() -> new NftablesDef(NftablesDef.DEFAULT_TABLE, NftablesDef.DEFAULT_PRIORITY, false,
                false, noAccept.get().location()));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(TABLE, n.table());
        p.put(PRIORITY, n.priority());
        p.put(COUNTERS, n.counters());
        p.put(IFINDEX, true); // keepalived's default for instances tracking their interface; nftables_ifindex forces it
        p.put(ConfigAdminMapper.ORIGIN, n.location().toString());
        return Optional.of(p);
    }
}
