package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

/**
 * A line of {@code static_ipaddress}, {@code static_routes}, {@code static_rules} or of an
 * instance's {@code virtual_routes}, {@code virtual_rules}, {@code virtual_ipaddress_excluded},
 * checked and normalised.
 *
 * @param block the block keyword
 * @param text the normalised text the VRRP bundle reads: {@code ADDR/LEN dev IF[ label L]} for
 *             addresses, {@code VirtualRoute}/{@code VirtualRule} text for routes and rules
 */
public record StaticDef(String block, String text, SourceLocation location) {
}
