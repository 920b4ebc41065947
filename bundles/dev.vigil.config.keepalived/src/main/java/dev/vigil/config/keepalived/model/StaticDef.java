package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

/**
 * A line of {@code static_ipaddress}, {@code static_routes}, {@code static_rules} or of an
 * instance's {@code virtual_routes}, {@code virtual_rules}, {@code virtual_ipaddress_excluded}:
 * kept as written for the support to come; no effect yet (warned about).
 *
 * @param block the block keyword
 * @param text the line's words joined by single spaces
 */
public record StaticDef(String block, String text, SourceLocation location) {
}
