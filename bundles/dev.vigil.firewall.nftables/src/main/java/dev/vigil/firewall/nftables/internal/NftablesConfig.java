package dev.vigil.firewall.nftables.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * keepalived's {@code nftables [TABLE]}, {@code nftables_priority}, {@code nftables_counters} and
 * {@code nftables_ifindex}, as dev.vigil.config.keepalived writes them under the factory PID
 * {@code vigil.firewall.nftables} (configuration {@code default}): when one of them is given or an
 * instance runs in no_accept mode, as keepalived then sets up its nftables firewall.
 */
@ObjectClassDefinition(pid = NftablesFirewallComponent.FACTORY_PID, name = "Vigil nftables firewall",
        description = "no_accept: drop traffic to and from the VIPs of a non-owner MASTER")
@interface NftablesConfig {

    @AttributeDefinition(description = "nftables TABLE: the table name in the ip and ip6 families; must not exist "
            + "and must differ between daemons in one network namespace")
    String table() default "keepalived";

    @AttributeDefinition(description = "nftables_priority: the hook priority of the in and out chains")
    int priority() default -1;

    @AttributeDefinition(description = "nftables_counters: a counter on every rule")
    boolean counters() default false;

    @AttributeDefinition(description = "nftables_ifindex: IPv6 link-local VIPs keyed by interface index (true) "
            + "or interface name (false)")
    boolean ifindex() default true;

    @AttributeDefinition(min = "100", description = "How long one nft run may take before it is killed, in milliseconds")
    int timeoutMillis() default 5000;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
