package dev.vigil.config.keepalived.model;

import java.util.Objects;
import java.util.Optional;

/**
 * keepalived's {@code use_ipvlan}, resolved: an L2 ipvlan on the instance's interface that takes
 * the place of a VMAC for the VIPs and adverts.
 *
 * @param interfaceName the ipvlan's name ({@code vrrp.VRID} unless named)
 * @param mode {@code bridge} (the default), {@code private} or {@code vepa}
 * @param address {@code ADDR/LEN} put on the ipvlan, of the instance's family; empty only for
 *                IPv6, which then uses the ipvlan's link-local address
 */
public record IpvlanDef(String interfaceName, String mode, Optional<String> address, Optional<Integer> group) {

    public IpvlanDef {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(group, "group");
    }

    /** The address without its prefix length. */
    public Optional<String> host() {
        return address.map(a -> a.substring(0, a.indexOf('/')));
    }
}
