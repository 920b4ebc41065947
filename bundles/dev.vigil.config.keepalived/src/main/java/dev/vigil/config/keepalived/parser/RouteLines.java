package dev.vigil.config.keepalived.parser;

import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.StaticDef;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.util.List;
import java.util.Optional;

/**
 * One line of {@code virtual_routes}, {@code virtual_rules}, {@code static_routes},
 * {@code static_rules} or {@code static_ipaddress}, checked and turned into the normalised text
 * the VRRP bundle reads ({@link VirtualRoute#toString()}, {@link VirtualRule#toString()}). What
 * Vigil cannot install exactly is an error at the line, never dropped quietly.
 */
final class RouteLines {

    private RouteLines() {
    }

    /** A route or rule line of {@code block}; empty (and an error reported) when it is refused. */
    static Optional<StaticDef> routeOrRule(String block, Statement line, ParseContext context) {
        return routeOrRule(block, KeepalivedGrammar.lineWords(line), line, context);
    }

    /**
     * @param words the line's words (a static line's {@code track_group} already taken out); a
     *              {@code no_track} among them stays in the normalised text, for the VRRP bundle
     */
    static Optional<StaticDef> routeOrRule(String block, List<String> words, Statement line, ParseContext context) {
        String text = String.join(" ", words);
        try {
            String normalised = block.endsWith("_rules")
                    ? VirtualRule.parse(text, w -> context.warning(line.location(), block + ": " + w)).toString()
                    : VirtualRoute.parse(text, w -> context.warning(line.location(), block + ": " + w)).toString();
            if (words.contains(VipOptions.NO_TRACK) && !normalised.contains(VipOptions.NO_TRACK)) {
                normalised += " " + VipOptions.NO_TRACK;
            }
            return Optional.of(new StaticDef(block, normalised, line.location()));
        } catch (IllegalArgumentException e) {
            context.error(line.location(), "invalid " + block + " entry '" + text + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A {@code static_ipaddress} line: virtual_ipaddress's syntax; one without {@code dev} goes on
     * {@code defaultInterface}, global_defs' {@code default_interface} as read so far (keepalived
     * looks it up while reading the line too).
     */
    static Optional<StaticDef> staticAddress(Statement line, ParseContext context, String defaultInterface) {
        Instance scratch = new Instance(null);
        VipLines.parse(scratch, line, context, true);
        if (scratch.vips.isEmpty()) {
            return Optional.empty(); // VipLines reported why
        }
        return Optional.of(new StaticDef("static_ipaddress", scratch.vips.get(0).normalized(defaultInterface),
                line.location()));
    }
}
