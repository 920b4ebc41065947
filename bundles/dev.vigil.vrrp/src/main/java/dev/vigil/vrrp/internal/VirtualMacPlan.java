package dev.vigil.vrrp.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import dev.vigil.api.dataplane.VirtualMac;

/**
 * What {@code use_vmac} or {@code use_ipvlan}, and {@code vmac_xmit_base}, make of an instance,
 * as in keepalived: the VIPs go on the VMAC (or ipvlan) unless a line names its own device, and
 * adverts travel on it (so they carry the virtual MAC, or the ipvlan's address) unless
 * {@code vmac_xmit_base} keeps them on the base interface.
 *
 * @param vmac the VMAC, empty when the instance has none
 * @param transmitBase vmac_xmit_base
 */
record VirtualMacPlan(Optional<VirtualMac> vmac, boolean transmitBase) {

    static final VirtualMacPlan NONE = new VirtualMacPlan(Optional.empty(), false);

    static VirtualMacPlan of(InstanceConfig c) {
        String ipvlan = c.ipvlanInterface();
        if (ipvlan != null && !ipvlan.isBlank()) {
            return new VirtualMacPlan(Optional.of(new VirtualMac(ipvlan.trim(), c.interfaceName(),
                    c.virtualRouterId(), ipv6(c), ipvlan(c))), c.vmacTransmitBase());
        }
        String name = c.vmacInterface();
        if (name == null || name.isBlank()) {
            return NONE;
        }
        String address = c.vmacAddress() == null || c.vmacAddress().isBlank() ? null : c.vmacAddress().trim();
        return new VirtualMacPlan(Optional.of(new VirtualMac(name.trim(), c.interfaceName(), c.virtualRouterId(),
                ipv6(c), null, address)), c.vmacTransmitBase());
    }

    /** ipvlanMode and ipvlanAddress (ADDR[/LEN], a host prefix when no length is given). */
    private static VirtualMac.Ipvlan ipvlan(InstanceConfig c) {
        VirtualMac.IpvlanMode mode;
        try {
            mode = VirtualMac.IpvlanMode.valueOf(c.ipvlanMode().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ipvlanMode '" + c.ipvlanMode() + "' is not bridge, private or vepa", e);
        }
        String text = c.ipvlanAddress() == null ? "" : c.ipvlanAddress().trim();
        if (text.isEmpty()) {
            return new VirtualMac.Ipvlan(mode, null, 0);
        }
        String[] parts = text.split("/", 2);
        InetAddress address = SettingsMapper.literal(parts[0], "ipvlanAddress");
        int hostPrefix = address instanceof Inet6Address ? 128 : 32;
        try {
            return new VirtualMac.Ipvlan(mode, address, parts.length == 1 ? hostPrefix : Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ipvlanAddress '" + text + "' has no valid prefix length", e);
        }
    }

    /** The device of a VIP line without {@code dev}. */
    String vipDevice(String baseInterface) {
        return vmac.map(VirtualMac::name).orElse(baseInterface);
    }

    /** Where the configured source address lives: an ipvlan carries its own, else the instance's interface. */
    String sourceDevice(String baseInterface) {
        return vmac.filter(v -> v.ipvlan() != null).map(VirtualMac::name).orElse(baseInterface);
    }

    /** The interface adverts are sent and received on. */
    String channelInterface(String baseInterface) {
        return vmac.filter(v -> !transmitBase).map(VirtualMac::name).orElse(baseInterface);
    }

    /** Whether adverts go out on the VMAC, which has no IPv4 address of its own to send from. */
    boolean sendsOnVmac() {
        return vmac.isPresent() && !transmitBase;
    }

    /**
     * The instance's family: its first VIP's, else its multicast group's (keepalived's rule for
     * the VMAC MAC). An ipvlan address is of that family: the adapter checks.
     */
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
