package dev.vigil.vrrp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * keepalived's global {@code static_ipaddress}, {@code static_routes} and {@code static_rules}, as
 * the keepalived.conf adapter writes them under factory PID {@code vigil.static} (name
 * {@code default}): installed whatever the VRRP state, for as long as the configuration exists.
 */
@ObjectClassDefinition(pid = StaticNetworkComponent.FACTORY_PID, name = "Vigil static addresses, routes and rules",
        description = "static_ipaddress, static_routes, static_rules")
@interface StaticConfig {

    @AttributeDefinition(required = false, description = "ADDR/LEN dev IF [label L]")
    String[] staticIpAddresses() default {};

    @AttributeDefinition(required = false, description = "Routes, normalised keepalived syntax")
    String[] staticRoutes() default {};

    @AttributeDefinition(required = false, description = "Rules, normalised keepalived syntax")
    String[] staticRules() default {};

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin();
}
