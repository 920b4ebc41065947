package dev.vigil.config.keepalived.model;

import java.util.Objects;

/**
 * An extra VMAC (keepalived's {@code use_vmac_addr}, or a VIP line's {@code use_vmac}): a macvlan
 * on an interface other than the instance's own VMAC's, with the virtual router MAC of one
 * family, that VIPs of that interface and family go on.
 *
 * @param name the macvlan's name, as keepalived picks it ({@code vrrp.VRID}, else {@code vrrpN.VRID})
 * @param parent the interface it sits on
 * @param family the family of its addresses, which chooses its MAC (00:00:5e:00:01 or :02:VRID)
 */
public record ExtraVmacDef(String name, String parent, AddressFamily family) {

    public ExtraVmacDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(family, "family");
    }

    /** {@code NAME PARENT [ipv6]}, as the {@code extraVmacs} instance property has it. */
    public String contractText() {
        return name + " " + parent + (family == AddressFamily.IPV6 ? " ipv6" : "");
    }
}
