package dev.vigil.config.keepalived.parser;

import java.util.List;

import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.parser.Builders.Config;
import dev.vigil.config.keepalived.parser.Builders.Instance;

/**
 * keepalived's {@code vmac_prefix} and {@code vmac_addr_prefix} (global_defs): the prefix of the
 * VMAC and ipvlan names it makes up ({@code PREFIX.VRID}, {@code PREFIXn.VRID}), {@code vrrp} by
 * default, the extra VMACs' one defaulting to the other. Each is given to every instance before
 * the instances are resolved; keepalived keeps the first line of each and reports the others.
 */
final class VmacNames {

    static final String DEFAULT_PREFIX = "vrrp";
    /** The longest name a prefix must allow: PREFIXnn.VRID. */
    private static final String LONGEST_SUFFIX = "99.255";

    private VmacNames() {
    }

    static void apply(Config config, ParseContext context) {
        String prefix = first(config.global.vmacPrefixes, "vmac prefix", DEFAULT_PREFIX, context);
        String addrPrefix = first(config.global.vmacAddrPrefixes, "vmac_addr prefix", prefix, context);
        for (Instance instance : config.instances) {
            instance.vmacPrefix = prefix;
            instance.vmacAddrPrefix = addrPrefix;
        }
    }

    private static String first(List<Located<String>> lines, String what, String fallback, ParseContext context) {
        String chosen = null;
        for (Located<String> line : lines) {
            if (chosen != null) {
                context.error(line.location(), what + " has already been specified - ignoring " + line.value());
                continue;
            }
            try {
                Values.interfaceName().parse(line.value() + LONGEST_SUFFIX);
                chosen = line.value();
            } catch (InvalidValueException e) {
                context.error(line.location(), what + " '" + line.value() + "' cannot start an interface name ("
                        + line.value() + LONGEST_SUFFIX + " " + e.getMessage() + ")");
            }
        }
        return chosen == null ? fallback : chosen;
    }
}
