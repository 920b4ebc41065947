package dev.vigil.config.keepalived.parser;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.parser.Builders.Instance;

/**
 * keepalived 2.x's unicast instance without {@code interface}: its adverts go to the peers
 * through the routing table (of its {@code vrf}, if given), from {@code unicast_src_ip}, and its
 * VIPs without {@code dev} go on global_defs' {@code default_interface}.
 */
final class RoutedInstances {

    /** keepalived's default for {@code default_interface}. */
    static final String DEFAULT_INTERFACE = "eth0";

    private RoutedInstances() {
    }

    /**
     * Reports, with keepalived's messages, what keeps an instance without interface from running
     * (and a {@code vrf} that keepalived clears); returns the VRF the instance keeps.
     */
    static Optional<String> check(Instance b, ParseContext context, String prefix, SourceLocation at) {
        if (b.interfaceName != null) {
            if (b.vrf != null) {
                context.warning(b.vrf.location(), prefix + "vrf can only be specified without interface - clearing");
            }
            return Optional.empty();
        }
        if (b.unicastPeers.isEmpty()) {
            context.error(at, prefix + "interface is required" + (b.vrf != null ? " (vrf needs unicast_peer)"
                    : b.unicastConfigured ? " (without a unicast_peer the instance uses multicast)" : ""));
            return Optional.empty();
        }
        if (b.sourceAddress == null) {
            context.error(at, prefix + "Unicast instances must have unicast_src_ip or interface");
        } else if (b.sourceAddress.value() instanceof Inet6Address v6 && v6.isLinkLocalAddress()) {
            context.error(b.sourceAddress.location(), prefix + "Non link-local address required if interface omitted");
        }
        if (b.useVmac != null || b.useIpvlan != null) {
            SourceLocation where = b.useVmac != null ? b.useVmac.location() : b.useIpvlan.location();
            context.error(where, prefix + "cannot use VMAC if no interface specified");
        }
        return Optional.ofNullable(b.vrf).map(Located::value);
    }

    /** Where VIPs without {@code dev} go: global_defs' {@code default_interface}, else eth0. */
    static String defaultInterface(Builders.Global g) {
        return g.defaultInterface == null ? DEFAULT_INTERFACE : g.defaultInterface.value();
    }

    /** Every VIP line with a {@code dev}: its own, else {@code device}. */
    static List<VipDef> placed(List<VipDef> vips, String device) {
        return vips.stream().map(v -> v.device().isPresent() ? v : v.on(device)).toList();
    }
}
