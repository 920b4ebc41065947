package dev.vigil.vrrp.internal;

import java.net.Inet6Address;
import java.util.Optional;

import dev.vigil.api.dataplane.VirtualMac;

/**
 * What {@code use_vmac} and {@code vmac_xmit_base} make of an instance, as in keepalived: the
 * VIPs go on the VMAC unless a line names its own device, and adverts travel on the VMAC (so
 * they carry the virtual MAC) unless {@code vmac_xmit_base} keeps them on the base interface.
 *
 * @param vmac the VMAC, empty when the instance has none
 * @param transmitBase vmac_xmit_base
 */
record VirtualMacPlan(Optional<VirtualMac> vmac, boolean transmitBase) {

    static final VirtualMacPlan NONE = new VirtualMacPlan(Optional.empty(), false);

    static VirtualMacPlan of(InstanceConfig c) {
        String name = c.vmacInterface();
        if (name == null || name.isBlank()) {
            return NONE;
        }
        return new VirtualMacPlan(Optional.of(new VirtualMac(name.trim(), c.interfaceName(), c.virtualRouterId(),
                ipv6(c))), c.vmacTransmitBase());
    }

    /** The device of a VIP line without {@code dev}. */
    String vipDevice(String baseInterface) {
        return vmac.map(VirtualMac::name).orElse(baseInterface);
    }

    /** The interface adverts are sent and received on. */
    String channelInterface(String baseInterface) {
        return vmac.filter(v -> !transmitBase).map(VirtualMac::name).orElse(baseInterface);
    }

    /** Whether adverts go out on the VMAC, which has no IPv4 address of its own to send from. */
    boolean sendsOnVmac() {
        return vmac.isPresent() && !transmitBase;
    }

    /** The instance's family: its first VIP's, else its multicast group's (keepalived's rule for the VMAC MAC). */
    private static boolean ipv6(InstanceConfig c) {
        for (String line : c.virtualIpAddresses()) {
            String first = line.trim().split("[\\s/]+", 2)[0];
            if (!first.isEmpty()) {
                return SettingsMapper.literal(first, "virtualIpAddresses") instanceof Inet6Address;
            }
        }
        return SettingsMapper.literal(c.multicastGroup(), "multicastGroup") instanceof Inet6Address;
    }
}
