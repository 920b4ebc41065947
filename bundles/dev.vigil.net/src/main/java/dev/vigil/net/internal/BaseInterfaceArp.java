package dev.vigil.net.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The ARP settings a VMAC needs on its parent, as keepalived sets them: arp_ignore=1 and
 * arp_filter=1, so the parent neither answers for the virtual addresses on its VMACs nor with
 * its own MAC. Held per parent by VMAC name: the first VMAC saves the old values, the last one
 * gone restores them; holding or letting go twice changes nothing.
 */
final class BaseInterfaceArp {

    private static final class Parent {
        final Set<String> vmacs = new HashSet<>();
        OptionalInt arpIgnore = OptionalInt.empty();
        OptionalInt arpFilter = OptionalInt.empty();
    }

    private final Map<String, Parent> parents = new HashMap<>();

    synchronized void hold(String parent, String vmac) throws IOException {
        Parent p = parents.get(parent);
        if (p == null) {
            p = new Parent();
            p.arpIgnore = InterfaceSysctls.readIpv4(parent, "arp_ignore");
            p.arpFilter = InterfaceSysctls.readIpv4(parent, "arp_filter");
            InterfaceSysctls.writeIpv4(parent, "arp_ignore", 1);
            InterfaceSysctls.writeIpv4(parent, "arp_filter", 1);
            parents.put(parent, p);
        }
        p.vmacs.add(vmac);
    }

    synchronized void letGo(String parent, String vmac) throws IOException {
        Parent p = parents.get(parent);
        if (p == null || !p.vmacs.remove(vmac) || !p.vmacs.isEmpty()) {
            return;
        }
        parents.remove(parent);
        if (p.arpIgnore.isPresent()) {
            InterfaceSysctls.writeIpv4(parent, "arp_ignore", p.arpIgnore.getAsInt());
        }
        if (p.arpFilter.isPresent()) {
            InterfaceSysctls.writeIpv4(parent, "arp_filter", p.arpFilter.getAsInt());
        }
    }
}
