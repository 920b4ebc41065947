package dev.vigil.api.dataplane;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and removes routes and policy routing rules (keepalived's {@code virtual_routes},
 * {@code virtual_rules}, {@code static_routes}, {@code static_rules}). Idempotent from the
 * caller's view, as {@link VipManager}: adding what is there already adopts it, removing what is
 * gone is not an error.
 */
@ProviderType
public interface RouteManager {

    /** Adds the route; false when an identical one was already there (adopted). */
    boolean addRoute(VirtualRoute route) throws IOException;

    /** Removes the route; false when there was none to remove. */
    boolean removeRoute(VirtualRoute route) throws IOException;

    /** Adds the rule; false when an identical one was already there (adopted). */
    boolean addRule(VirtualRule rule) throws IOException;

    /** Removes the rule; false when there was none to remove. */
    boolean removeRule(VirtualRule rule) throws IOException;
}
