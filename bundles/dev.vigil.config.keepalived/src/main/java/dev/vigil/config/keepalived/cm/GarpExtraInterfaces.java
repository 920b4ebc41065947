package dev.vigil.config.keepalived.cm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.config.keepalived.model.StaticDef;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;

/**
 * The interfaces keepalived's garp_extra_if refreshes for an instance: those of its VIPs and
 * excluded addresses, except the one its adverts leave from (which keeps switches' caches warm by
 * itself), and only Vigil's VMACs and ipvlans unless {@code all}. Decided here because only the whole file knows which
 * interfaces are VMACs.
 */
final class GarpExtraInterfaces {

    private GarpExtraInterfaces() {
    }

    static List<String> of(VrrpInstanceDef instance, Set<String> vmacs) {
        if (instance.garpExtraSeconds() == 0) {
            return List.of();
        }
        // with vmac_xmit_base the adverts leave from the base interface, not from the VMAC (or ipvlan)
        String advertising = instance.vmacTransmitBase() ? instance.interfaceName() : instance.vipDevice();
        Set<String> out = new LinkedHashSet<>();
        for (String device : devices(instance)) {
            if (!device.equals(advertising) && (instance.garpExtraAllInterfaces() || vmacs.contains(device))) {
                out.add(device);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> devices(VrrpInstanceDef instance) {
        List<String> devices = new ArrayList<>();
        for (VipDef vip : instance.virtualIpAddresses()) {
            devices.add(vip.device().orElse(instance.vipDevice()));
        }
        for (StaticDef excluded : instance.extras()) {
            if (excluded.block().equals("virtual_ipaddress_excluded")) {
                String[] words = excluded.text().split("\\s+");
                for (int k = 0; k + 1 < words.length; k++) {
                    if (words[k].equals("dev")) {
                        devices.add(words[k + 1]);
                        break;
                    }
                }
            }
        }
        return devices;
    }
}
