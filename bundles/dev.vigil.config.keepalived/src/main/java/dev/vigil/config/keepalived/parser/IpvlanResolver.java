package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.IpvlanDef;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code use_ipvlan [[name] NAME] [IP_ADDRESS[/LEN]] [bridge|private|vepa] [group GROUP_ID]},
 * resolved as keepalived resolves it: words in any order, the first mode, address and name win
 * and later ones are ignored with a warning, {@code name} takes the next word as the name even
 * when it reads like a mode or address, an address of the other family is skipped, and an IPv4
 * instance without an address is an error (keepalived holds it in FAULT for good). A name an
 * earlier instance uses for its VMAC or ipvlan is not taken.
 */
final class IpvlanResolver {

    private static final Set<String> MODES = Set.of("bridge", "private", "vepa");

    private IpvlanResolver() {
    }

    /** The ipvlan, empty without {@code use_ipvlan}; errors and warnings go to {@code context}. */
    static Optional<IpvlanDef> ipvlan(Instance b, ParseContext context, String prefix, AddressFamily family,
                                      Function<String, String> takenBy) {
        if (b.useIpvlan == null) {
            return Optional.empty();
        }
        SourceLocation at = b.useIpvlan.location();
        String fallback = b.vmacPrefix + "." + (b.virtualRouterId == null ? 0 : b.virtualRouterId.value());
        String mode = null;
        String address = null;
        String name = null;
        Optional<Integer> group = Optional.empty();
        List<String> words = b.useIpvlan.value();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (MODES.contains(word)) {
                if (mode != null) {
                    context.warning(at, prefix + "ipvlan type already specified - ignoring '" + word + "'");
                } else {
                    mode = word;
                }
                continue;
            }
            if (word.equals("group") && i + 1 < words.size()) {
                String id = words.get(++i);
                group = LinkGroups.resolve(id, LinkGroups.TABLES);
                if (group.isEmpty()) {
                    context.error(at, prefix + "ipvlan group " + id + " not found");
                }
                continue;
            }
            Optional<String> parsed = word.equals("name") ? Optional.empty() : addressWithPrefix(word);
            if (parsed.isPresent()) {
                AddressFamily of = AddressFamily.of(Values.parseAddress(hostPart(word)).orElseThrow());
                if (address != null) {
                    context.warning(at, prefix + "ipvlan address already specified - ignoring '" + word + "'");
                } else if (of != family) {
                    context.warning(at, prefix + "ipvlan address " + word + " is " + of.label() + " but the instance is "
                            + family.label() + "; it must match the instance's family - skipping");
                } else {
                    address = parsed.get();
                }
                continue;
            }
            if (word.equals("name")) {
                if (++i >= words.size()) {
                    context.warning(at, prefix + "use_ipvlan name without a name; ignored");
                    break;
                }
                word = words.get(i);
            }
            if (name != null) {
                context.warning(at, prefix + "IPVLAN interface already specified - ignoring '" + word + "'");
                continue;
            }
            name = usableName(word, b, context, at, prefix, fallback);
            String other = takenBy.apply(name);
            if (other != null) {
                context.warning(at, prefix + "VRRP instance " + other + " is already using " + name
                        + " - ignoring name; using " + fallback);
                name = fallback;
            }
        }
        if (address == null && family == AddressFamily.IPV4) {
            context.error(at, prefix + "IPv4 ipvlan requires a source ip address to be configured");
        }
        if (b.useVmac != null) {
            context.warning(b.useVmac.location(), prefix + "use_vmac has no effect with use_ipvlan; ignored");
        }
        return Optional.of(new IpvlanDef(name == null ? fallback : name, mode == null ? "bridge" : mode,
                Optional.ofNullable(address), group));
    }

    /** A name the kernel can take and that is not the instance's interface, else the default. */
    private static String usableName(String name, Instance b, ParseContext context, SourceLocation at, String prefix,
                                     String fallback) {
        try {
            Values.interfaceName().parse(name);
        } catch (InvalidValueException e) {
            context.warning(at, prefix + "IPVLAN interface name '" + name + "' " + e.getMessage() + " - ignoring; using "
                    + fallback);
            return fallback;
        }
        if (b.interfaceName != null && name.equals(b.interfaceName.value())) {
            context.warning(at, prefix + "IPVLAN interface name '" + name + "' is the instance's interface - ignoring; "
                    + "using " + fallback);
            return fallback;
        }
        return name;
    }

    /** {@code ADDR} or {@code ADDR/LEN} as canonical {@code ADDR/LEN} (a host prefix without LEN); empty if not one. */
    private static Optional<String> addressWithPrefix(String word) {
        Optional<InetAddress> address = Values.parseAddress(hostPart(word));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int max = address.get().getAddress().length * 8;
        int slash = word.indexOf('/');
        int length = max;
        if (slash >= 0) {
            String text = word.substring(slash + 1);
            if (!text.matches("\\d{1,3}") || Integer.parseInt(text) > max) {
                return Optional.empty();
            }
            length = Integer.parseInt(text);
        }
        return Optional.of(AddressText.canonical(address.get()) + "/" + length);
    }

    private static String hostPart(String word) {
        int slash = word.indexOf('/');
        return slash < 0 ? word : word.substring(0, slash);
    }
}
