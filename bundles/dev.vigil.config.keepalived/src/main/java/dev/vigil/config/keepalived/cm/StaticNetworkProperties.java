package dev.vigil.config.keepalived.cm;

import dev.vigil.config.keepalived.model.StaticDef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@code vigil.static~default} configuration: every {@code static_ipaddress},
 * {@code static_routes} and {@code static_rules} line, normalised. Absent when the file has none,
 * so its deletion is what removes the last static entry.
 */
final class StaticNetworkProperties {

    static final String FACTORY_PID = "vigil.static";
    static final String NAME = "default";
    static final String ADDRESSES = "staticIpAddresses";
    static final String ROUTES = "staticRoutes";
    static final String RULES = "staticRules";

    private StaticNetworkProperties() {
    }

    /** The exact properties, or empty when there is no static line; origin = the first block's first line. */
    static Optional<Map<String, Object>> of(List<StaticDef> statics) {
        if (statics.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ADDRESSES, lines(statics, "static_ipaddress"));
        p.put(ROUTES, lines(statics, "static_routes"));
        p.put(RULES, lines(statics, "static_rules"));
        p.put(ConfigAdminMapper.ORIGIN, statics.get(0).location().toString());
        return Optional.of(p);
    }

    private static String[] lines(List<StaticDef> statics, String block) {
        return statics.stream().filter(s -> s.block().equals(block)).map(StaticDef::text).toArray(String[]::new);
    }
}
