package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code use_vmac [[name] NAME] [MAC] [netlink_notify_msg] [group ID]} and {@code vmac_xmit_base},
 * resolved as keepalived resolves them: the VMAC is named {@code vrrp.VRID} unless a usable name is
 * given, and carries RFC 5798's MAC unless a usable one is given (five octets take the VRID as the
 * sixth); what keepalived ignores is ignored with its warning, and {@code vmac_xmit_base} alone
 * does nothing. {@code netlink_notify_msg} asks keepalived to force a netlink message the kernel
 * does not send; Vigil waits for none, so it changes nothing. Without {@code group} the VMAC joins
 * its parent's link group, as keepalived makes it.
 */
final class VmacResolver {

    /** The VMAC: its name and, when configured, its own MAC ({@code xx:xx:xx:xx:xx:xx}) and link group. */
    record Vmac(String name, Optional<String> address, Optional<Integer> group) {
    }

    private static final int MAC_OCTETS = 6;

    private VmacResolver() {
    }

    /** The VMAC, empty without {@code use_vmac} (or with {@code use_ipvlan}, which takes its place). */
    static Optional<Vmac> resolve(Instance b, ParseContext context, String prefix) {
        if (b.useIpvlan != null) {
            return Optional.empty(); // the ipvlan takes its place, and vmac_xmit_base applies to it
        }
        if (b.useVmac == null) {
            if (b.vmacXmitBase != null) {
                context.warning(b.vmacXmitBase, prefix + "vmac_xmit_base has no effect without use_vmac; ignored");
            }
            return Optional.empty();
        }
        int vrid = b.virtualRouterId == null ? 0 : b.virtualRouterId.value();
        String fallback = b.vmacPrefix + "." + vrid;
        String name = null;
        String address = null;
        Optional<Integer> group = Optional.empty();
        List<String> words = b.useVmac.value();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.contains(":")) { // interface names cannot hold a ':'
                if (address != null) {
                    context.warning(b.useVmac.location(), prefix + "VMAC interface address already specified; '"
                            + word + "' ignored");
                } else {
                    address = macAddress(word, vrid, b, context, prefix);
                }
                continue;
            }
            if (word.equals("netlink_notify_msg")) {
                continue;
            }
            if (word.equals("group") && i + 1 < words.size()) {
                String id = words.get(++i);
                group = LinkGroups.resolve(id, LinkGroups.TABLES);
                if (group.isEmpty()) {
                    context.error(b.useVmac.location(), prefix + "VMAC group " + id + " not found");
                }
                continue;
            }
            if (word.equals("name") && i + 1 < words.size()) {
                word = words.get(++i);
            }
            if (name != null) {
                context.warning(b.useVmac.location(), prefix + "VMAC interface name already specified; '" + word
                        + "' ignored");
                continue;
            }
            name = usableName(word, fallback, b, context, prefix);
        }
        return Optional.of(new Vmac(name == null ? fallback : name, Optional.ofNullable(address), group));
    }

    private static String usableName(String name, String fallback, Instance b, ParseContext context, String prefix) {
        try {
            Values.interfaceName().parse(name);
        } catch (InvalidValueException e) {
            context.warning(b.useVmac.location(), prefix + "VMAC interface name '" + name + "' " + e.getMessage()
                    + " - ignoring; using " + fallback);
            return fallback;
        }
        if (b.interfaceName != null && name.equals(b.interfaceName.value())) {
            context.warning(b.useVmac.location(), prefix + "VMAC interface name '" + name
                    + "' is the instance's interface - ignoring; using " + fallback);
            return fallback;
        }
        return name;
    }

    /** Six octets, or five and the VRID; null (warned, ignored) when not usable, as keepalived. */
    private static String macAddress(String text, int vrid, Instance b, ParseContext context, String prefix) {
        String trimmed = text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
        String[] octets = trimmed.split(":", -1);
        boolean valid = octets.length == MAC_OCTETS || octets.length == MAC_OCTETS - 1;
        int[] mac = new int[MAC_OCTETS];
        for (int i = 0; valid && i < octets.length; i++) {
            valid = octets[i].matches("[0-9a-fA-F]{1,2}");
            mac[i] = valid ? Integer.parseInt(octets[i], 16) : 0;
        }
        if (!valid || (octets.length == MAC_OCTETS && text.endsWith(":"))) {
            context.warning(b.useVmac.location(), prefix + "VMAC invalid MAC address " + text + " - ignored");
            return null;
        }
        if (octets.length == MAC_OCTETS - 1) {
            mac[MAC_OCTETS - 1] = vrid;
        }
        if ((mac[0] & 0x01) != 0) {
            context.warning(b.useVmac.location(), prefix + "VMAC MAC address is multicast " + text + " - ignoring");
            return null;
        }
        if (mac[0] == 0 && mac[1] == 0 && mac[2] == 0x5e && mac[3] == 0 && (mac[4] == 1 || mac[4] == 2)) {
            context.warning(b.useVmac.location(), prefix + "VMAC MAC address not allowed to be RFC5798 address ("
                    + text + ") - ignoring");
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int octet : mac) {
            out.append(out.length() == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02x", octet));
        }
        return out.toString();
    }
}
