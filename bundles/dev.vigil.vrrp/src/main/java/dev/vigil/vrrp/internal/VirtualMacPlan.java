package dev.vigil.vrrp.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.vigil.api.dataplane.VirtualMac;

/**
 * What {@code use_vmac} or {@code use_ipvlan}, and {@code vmac_xmit_base}, make of an instance,
 * as in keepalived: the VIPs go on the VMAC (or ipvlan) unless a line names its own device, and
 * adverts travel on it (so they carry the virtual MAC, or the ipvlan's address) unless
 * {@code vmac_xmit_base} keeps them on the base interface.
 *
 * <p>Extra VMACs come from keepalived's {@code use_vmac_addr}, or a VIP line's {@code use_vmac}: a
 * VIP on another interface (or of the other family) goes on a macvlan of its own on that
 * interface, with the virtual router MAC of its family, so its failover needs no ARP update there
 * either. They carry no adverts; the VIP lines already name them as their device.
 *
 * @param vmac the VMAC, empty when the instance has none
 * @param transmitBase vmac_xmit_base
 * @param extras the extra VMACs, made before the VIPs go on and deleted with the instance's own
 */
record VirtualMacPlan(Optional<VirtualMac> vmac, boolean transmitBase, List<VirtualMac> extras) {

    static final VirtualMacPlan NONE = new VirtualMacPlan(Optional.empty(), false, List.of());

    VirtualMacPlan {
        extras = List.copyOf(extras);
    }

    static VirtualMacPlan of(InstanceConfig c) {
        String ipvlan = c.ipvlanInterface();
        List<VirtualMac> extras = extras(c);
        if (ipvlan != null && !ipvlan.isBlank()) {
            return new VirtualMacPlan(Optional.of(new VirtualMac(ipvlan.trim(), c.interfaceName(),
                    c.virtualRouterId(), ipv6(c), ipvlan(c), null, group(c))), c.vmacTransmitBase(), extras);
        }
        String name = c.vmacInterface();
        if (name == null || name.isBlank()) {
            return extras.isEmpty() ? NONE : new VirtualMacPlan(Optional.empty(), false, extras);
        }
        return new VirtualMacPlan(Optional.of(new VirtualMac(name.trim(), c.interfaceName(), c.virtualRouterId(),
                ipv6(c), null, ownAddress(c), group(c))), c.vmacTransmitBase(), extras);
    }

    /** vmacGroup: the link group of the instance's VMAC or ipvlan; null (negative) for its parent's. */
    private static Integer group(InstanceConfig c) {
        return c.vmacGroup() < 0 ? null : c.vmacGroup();
    }

    /** Every interface to make, the instance's own VMAC (or ipvlan) first. */
    List<VirtualMac> all() {
        List<VirtualMac> all = new ArrayList<>();
        vmac.ifPresent(all::add);
        all.addAll(extras);
        return all;
    }

    /** use_vmac MAC: the instance's own MAC, which its extra VMACs carry too (keepalived); null for RFC 5798's. */
    private static String ownAddress(InstanceConfig c) {
        return c.vmacAddress() == null || c.vmacAddress().isBlank() ? null : c.vmacAddress().trim();
    }

    /** extraVmacs: "NAME PARENT [ipv6]" each. */
    private static List<VirtualMac> extras(InstanceConfig c) {
        List<VirtualMac> extras = new ArrayList<>();
        for (String line : c.extraVmacs()) {
            String[] words = line.trim().split("\\s+");
            boolean ipv6 = words.length == 3 && words[2].equals("ipv6");
            if (words.length < 2 || words.length > 3 || words.length == 3 && !ipv6) {
                throw new IllegalArgumentException("extraVmacs '" + line + "' is not 'NAME PARENT [ipv6]'");
            }
            extras.add(new VirtualMac(words[0], words[1], c.virtualRouterId(), ipv6, null, ownAddress(c)));
        }
        return extras;
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
