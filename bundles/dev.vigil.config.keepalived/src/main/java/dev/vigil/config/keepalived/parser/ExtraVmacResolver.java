package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.ExtraVmacDef;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived's extra VMACs: with {@code use_vmac_addr}, every VIP and eVIP on an interface other
 * than the instance's, or of the other family, goes on a VMAC of its own on that interface; a line
 * with {@code use_vmac} asks the same for itself. Lines sharing an interface and family share one
 * VMAC (one per MAC on a parent, as keepalived looks them up); with {@code use_vmac MAC} every
 * VMAC carries that MAC, so the instance's own VMAC serves its interface's other family too.
 * Names are keepalived's: {@code vrrp.VRID} when free, else {@code vrrpN.VRID} (IPv6 tries
 * {@code vrrp6.VRID} first).
 */
final class ExtraVmacResolver {

    /** Enough candidate names for any configuration; keepalived's search is unbounded. */
    private static final int MAX_CANDIDATES = 1000;

    /**
     * The lines placed, and the VMACs to make.
     *
     * @param vips the virtual_ipaddress lines, those on an extra VMAC naming it as their dev
     * @param excluded the virtual_ipaddress_excluded lines, the same way
     * @param vmacs the extra VMACs, in the order their first line came
     */
    record Placed(List<VipDef> vips, List<VipDef> excluded, List<ExtraVmacDef> vmacs) {
    }

    private final Instance b;
    private final AddressFamily family;
    private final Optional<String> ownDevice;
    private final Optional<String> ownMac;
    private final Set<String> taken;
    private final ParseContext context;
    private final String prefix;
    /** By parent and family (parent alone with a given MAC). */
    private final Map<String, ExtraVmacDef> byKey = new LinkedHashMap<>();

    /**
     * @param ownDevice the instance's own VMAC or ipvlan, which takes its interface's VIPs of its family
     * @param ownMac use_vmac's MAC, when given
     * @param taken interface names no extra VMAC may take (other VMACs, known interfaces); the new
     *              names are added
     */
    private ExtraVmacResolver(Instance b, AddressFamily family, Optional<String> ownDevice, Optional<String> ownMac,
            Set<String> taken, ParseContext context, String prefix) {
        this.b = b;
        this.family = family;
        this.ownDevice = ownDevice;
        this.ownMac = ownMac;
        this.taken = taken;
        this.context = context;
        this.prefix = prefix;
    }

    static Placed resolve(Instance b, AddressFamily family, Optional<String> ownDevice, Optional<String> ownMac,
            Set<String> taken, ParseContext context, String prefix) {
        ExtraVmacResolver resolver = new ExtraVmacResolver(b, family, ownDevice, ownMac, taken, context, prefix);
        List<VipDef> vips = resolver.placeAll(b.vips);
        List<VipDef> excluded = resolver.placeAll(b.excludedVips);
        return new Placed(vips, excluded, List.copyOf(resolver.byKey.values()));
    }

    private List<VipDef> placeAll(List<VipDef> lines) {
        List<VipDef> placed = new ArrayList<>();
        lines.forEach(vip -> placed.add(place(vip)));
        return placed;
    }

    private VipDef place(VipDef vip) {
        String base = b.interfaceName.value();
        boolean onBase = vip.device().isEmpty() || vip.device().get().equals(base);
        boolean sameFamily = vip.family() == family;
        boolean onOwnDevice = onBase && sameFamily && ownDevice.isPresent();
        boolean byInstance = b.useVmacAddr != null && (!onBase || !sameFamily);
        boolean wanted = vip.useVmac();
        if (wanted && onOwnDevice) {
            context.warning(vip.location(), prefix + "use_vmac specified for VIP/eVIP " + vip.address()
                    + " and vrrp instance");
        } else if (wanted && byInstance) {
            context.warning(vip.location(), prefix + "use_vmac_addr specified and use_vmac specified for VIP/eVIP "
                    + vip.address());
        }
        if (onOwnDevice || !wanted && !byInstance) {
            return vip; // where it goes without an extra VMAC: the instance's VMAC or ipvlan, or its dev
        }
        String parent = vip.device().orElse(base);
        if (ownMac.isPresent() && parent.equals(base) && ownDevice.isPresent()) {
            return vip.on(ownDevice.get()); // the one VMAC with that MAC on that parent
        }
        String key = parent + (ownMac.isPresent() ? "" : " " + vip.family());
        return vip.on(byKey.computeIfAbsent(key, k -> new ExtraVmacDef(freeName(vip.family()), parent,
                vip.family())).name());
    }

    /**
     * keepalived's search: vrrp.VRID, then vrrp1.VRID, vrrp2.VRID...; IPv6 tries vrrp6.VRID first
     * ({@code vrrp} being vmac_addr_prefix, else vmac_prefix).
     */
    private String freeName(AddressFamily addressFamily) {
        int vrid = b.virtualRouterId.value();
        String name = b.vmacAddrPrefix + "." + vrid;
        int number = 0;
        for (int i = 0; i < MAX_CANDIDATES && taken.contains(name); i++) {
            number = nextNumber(number, addressFamily);
            name = b.vmacAddrPrefix + number + "." + vrid;
        }
        taken.add(name);
        return name;
    }

    private static int nextNumber(int number, AddressFamily addressFamily) {
        if (addressFamily == AddressFamily.IPV6) {
            return number == 0 ? 6 : number == 6 ? 1 : number + 1 == 6 ? 7 : number + 1;
        }
        return number + 1;
    }
}
