package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.util.List;
import java.util.Optional;

/**
 * {@code use_vmac [NAME]} and {@code vmac_xmit_base}, resolved as keepalived resolves them: the
 * VMAC is named {@code vrrp.VRID} unless a usable name is given; a name the kernel cannot take
 * is ignored with a warning, and {@code vmac_xmit_base} alone does nothing.
 */
final class VmacResolver {

    private VmacResolver() {
    }

    /** The VMAC interface name, empty without {@code use_vmac}. */
    static Optional<String> vmacInterface(Instance b, ParseContext context, String prefix) {
        if (b.useIpvlan != null) {
            return Optional.empty(); // the ipvlan takes its place, and vmac_xmit_base applies to it
        }
        if (b.useVmac == null) {
            if (b.vmacXmitBase != null) {
                context.warning(b.vmacXmitBase, prefix + "vmac_xmit_base has no effect without use_vmac; ignored");
            }
            return Optional.empty();
        }
        String fallback = "vrrp." + (b.virtualRouterId == null ? 0 : b.virtualRouterId.value());
        List<String> words = b.useVmac.value();
        if (words.isEmpty()) {
            return Optional.of(fallback);
        }
        if (words.size() > 1) {
            context.warning(b.useVmac.location(), prefix + "use_vmac takes one interface name; extra words "
                    + words.subList(1, words.size()) + " ignored");
        }
        String name = words.get(0);
        try {
            Values.interfaceName().parse(name);
        } catch (InvalidValueException e) {
            context.warning(b.useVmac.location(), prefix + "VMAC interface name '" + name + "' " + e.getMessage()
                    + " - ignoring; using " + fallback);
            return Optional.of(fallback);
        }
        if (b.interfaceName != null && name.equals(b.interfaceName.value())) {
            context.warning(b.useVmac.location(), prefix + "VMAC interface name '" + name
                    + "' is the instance's interface - ignoring; using " + fallback);
            return Optional.of(fallback);
        }
        return Optional.of(name);
    }
}
