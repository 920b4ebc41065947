package dev.vigil.vrrp.engine;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * The configuration of one VRRP instance, as keepalived's {@code vrrp_instance} block gives it.
 *
 * @param name instance name ({@code VI_1}), used as the {@code (NAME)} log prefix
 * @param interfaceName the interface adverts go out on; empty for a unicast instance without one,
 *                      whose adverts follow the routing table
 * @param virtualRouterId 1-255
 * @param version 2 (RFC 3768) or 3 (RFC 5798)
 * @param priority 1-255; 255 is the address owner
 * @param advertIntervalCentis {@code advert_int} in centiseconds: v2 whole seconds 1-255
 *                             (100-25500), v3 1-4095
 * @param initialState {@code state}: BACKUP or MASTER; null means not configured, which keepalived
 *                     turns into MASTER for priority 255 and BACKUP otherwise
 * @param preempt false for {@code nopreempt} (ignored, with a warning, when the initial state is
 *                MASTER: keepalived clears it too)
 * @param preemptDelayCentis {@code preempt_delay}, 0 for none (same caveat as {@code preempt})
 * @param authPass v2 simple-text password ({@code auth_type PASS}), at most 8 bytes; null for none
 * @param virtualAddresses {@code virtual_ipaddress}, at least one, no duplicates, all of one family
 * @param multicastGroup where multicast adverts go (224.0.0.18 for IPv4)
 * @param unicastPeers {@code unicast_peer}; not empty means unicast mode (no TTL check)
 * @param garpMasterDelaySeconds {@code garp_master_delay}: second burst of GARPs after becoming
 *                               MASTER; 0 for none (keepalived default 5)
 * @param garpMasterRepeat {@code garp_master_repeat}: GARPs per VIP per burst (default 5)
 * @param garpMasterRefreshSeconds {@code garp_master_refresh}: periodic GARPs while MASTER, 0 off
 * @param garpMasterRefreshRepeat {@code garp_master_refresh_repeat} (default 1)
 * @param options keepalived's switches for advert checks, a MASTER's reactions, timers and GARP
 *                spacing
 */
public record InstanceSettings(String name, String interfaceName, int virtualRouterId, int version, int priority,
        int advertIntervalCentis, VrrpState initialState, boolean preempt, int preemptDelayCentis, String authPass,
        List<VirtualAddress> virtualAddresses, InetAddress multicastGroup, List<InetAddress> unicastPeers,
        int garpMasterDelaySeconds, int garpMasterRepeat, int garpMasterRefreshSeconds, int garpMasterRefreshRepeat,
        ProtocolOptions options) {

    public static final int PRIORITY_OWNER = 255;
    public static final int DEFAULT_GARP_MASTER_DELAY_SECONDS = 5;
    public static final int DEFAULT_GARP_MASTER_REPEAT = 5;
    public static final int DEFAULT_GARP_MASTER_REFRESH_REPEAT = 1;
    /** Maximum preempt_delay keepalived accepts: 1000 seconds. */
    public static final int MAX_PREEMPT_DELAY_CENTIS = 1000 * 100;

    public InstanceSettings {
        require(name != null && !name.isBlank(), "instance name is required");
        String where = "(" + name + ") ";
        require(interfaceName != null, where + "interface is required");
        require(virtualRouterId >= 1 && virtualRouterId <= 255,
                where + "virtual_router_id must be 1-255, not " + virtualRouterId);
        require(version == 2 || version == 3, where + "VRRP version must be 2 or 3, not " + version);
        require(priority >= 1 && priority <= 255, where + "priority must be 1-255, not " + priority);
        if (version == 2) {
            require(advertIntervalCentis >= 100 && advertIntervalCentis <= 25500 && advertIntervalCentis % 100 == 0,
                    where + "VRRPv2 advert_int must be whole seconds 1-255, not " + advertIntervalCentis / 100.0);
        } else {
            require(advertIntervalCentis >= 1 && advertIntervalCentis <= 4095,
                    where + "VRRPv3 advert_int must be 0.01-40.95 seconds, not " + advertIntervalCentis / 100.0);
        }
        if (initialState == null) {
            initialState = priority == PRIORITY_OWNER ? VrrpState.MASTER : VrrpState.BACKUP;
        }
        require(initialState == VrrpState.MASTER || initialState == VrrpState.BACKUP,
                where + "state must be MASTER or BACKUP, not " + initialState);
        require(preemptDelayCentis >= 0 && preemptDelayCentis <= MAX_PREEMPT_DELAY_CENTIS,
                where + "preempt_delay must be 0-1000 seconds, not " + preemptDelayCentis / 100.0);
        if (authPass != null) {
            require(version == 2, where + "VRRP version 3 does not support authentication");
            require(!authPass.isEmpty(), where + "auth_pass is empty");
            require(authPass.getBytes(StandardCharsets.UTF_8).length <= Advert.AUTH_DATA_LENGTH,
                    where + "auth_pass is at most 8 characters");
        }
        Objects.requireNonNull(virtualAddresses, where + "virtual addresses");
        virtualAddresses = List.copyOf(virtualAddresses);
        // keepalived's no_virtual_ipaddress: an instance without VIPs is allowed (adverts carry none)
        require(virtualAddresses.size() <= 255, where + "at most 255 virtual addresses, not " + virtualAddresses.size());
        Set<InetAddress> seen = new HashSet<>();
        for (VirtualAddress vip : virtualAddresses) {
            require(seen.add(vip.address()), where + "virtual address " + vip.address().getHostAddress() + " given twice");
        }
        Objects.requireNonNull(multicastGroup, where + "multicast group");
        boolean v4 = virtualAddresses.isEmpty() ? multicastGroup instanceof Inet4Address
                : virtualAddresses.get(0).address() instanceof Inet4Address;
        require(virtualAddresses.stream().allMatch(v -> v.address() instanceof Inet4Address == v4),
                where + "virtual addresses mix IPv4 and IPv6");
        require(version == 3 || v4, where + "VRRPv2 carries IPv4 addresses only");
        require(multicastGroup.isMulticastAddress(), where + multicastGroup.getHostAddress() + " is not a multicast group");
        require(multicastGroup instanceof Inet4Address == v4, where + "multicast group family differs from the VIPs'");
        unicastPeers = List.copyOf(unicastPeers == null ? List.of() : unicastPeers);
        // keepalived: only a unicast instance may leave the interface out
        require(!interfaceName.isBlank() || !unicastPeers.isEmpty(), where + "interface is required");
        for (InetAddress peer : unicastPeers) {
            require(peer instanceof Inet4Address == v4, where + "unicast peer " + peer.getHostAddress() + " family differs from the VIPs'");
        }
        require(garpMasterDelaySeconds >= 0, where + "garp_master_delay must not be negative");
        require(garpMasterRepeat >= 1, where + "garp_master_repeat must be at least 1");
        require(garpMasterRefreshSeconds >= 0, where + "garp_master_refresh must not be negative");
        require(garpMasterRefreshRepeat >= 1, where + "garp_master_refresh_repeat must be at least 1");
        Objects.requireNonNull(options, where + "protocol options");
    }

    /** keepalived's defaults for everything not named (multicast 224.0.0.18, GARP 5/5/0/1, preempt, {@link ProtocolOptions#KEEPALIVED_DEFAULTS}). */
    public static InstanceSettings defaults(String name, String interfaceName, int vrid, int version, int priority,
            int advertIntervalCentis, List<VirtualAddress> vips) {
        return new InstanceSettings(name, interfaceName, vrid, version, priority, advertIntervalCentis, null, true, 0,
                null, vips, DEFAULT_MULTICAST_GROUP_V4, List.of(), DEFAULT_GARP_MASTER_DELAY_SECONDS,
                DEFAULT_GARP_MASTER_REPEAT, 0, DEFAULT_GARP_MASTER_REFRESH_REPEAT, ProtocolOptions.KEEPALIVED_DEFAULTS);
    }

    /** 224.0.0.18, RFC 5798 §5.1.1.2. */
    public static final InetAddress DEFAULT_MULTICAST_GROUP_V4 = ipv4(224, 0, 0, 18);

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    public boolean addressOwner() {
        return priority == PRIORITY_OWNER;
    }

    /**
     * Why {@code next} cannot be applied with {@link VrrpInstance#update} (the instance must be
     * stopped and made anew), or null when it can.
     */
    public String restartNeededFor(InstanceSettings next) {
        if (!name.equals(next.name)) {
            return "name changed";
        }
        if (!interfaceName.equals(next.interfaceName)) {
            return "interface changed";
        }
        if (virtualRouterId != next.virtualRouterId) {
            return "virtual_router_id changed";
        }
        if (version != next.version) {
            return "VRRP version changed";
        }
        if (!multicastGroup.equals(next.multicastGroup) || !unicastPeers.equals(next.unicastPeers)) {
            return "advert destinations changed";
        }
        return null;
    }

    // with-ers used by tests and by the integrator's reconfiguration

    public InstanceSettings withPriority(int newPriority) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, newPriority, advertIntervalCentis,
                initialState, preempt, preemptDelayCentis, authPass, virtualAddresses, multicastGroup, unicastPeers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat,
                options);
    }

    public InstanceSettings withAdvertIntervalCentis(int centis) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, centis,
                initialState, preempt, preemptDelayCentis, authPass, virtualAddresses, multicastGroup, unicastPeers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat,
                options);
    }

    public InstanceSettings withVirtualAddresses(List<VirtualAddress> vips) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, preempt, preemptDelayCentis, authPass, vips, multicastGroup, unicastPeers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat,
                options);
    }

    public InstanceSettings withInitialState(VrrpState state) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                state, preempt, preemptDelayCentis, authPass, virtualAddresses, multicastGroup, unicastPeers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat,
                options);
    }

    public InstanceSettings withPreempt(boolean newPreempt, int newPreemptDelayCentis) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, newPreempt, newPreemptDelayCentis, authPass, virtualAddresses, multicastGroup,
                unicastPeers, garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds,
                garpMasterRefreshRepeat, options);
    }

    public InstanceSettings withAuthPass(String pass) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, preempt, preemptDelayCentis, pass, virtualAddresses, multicastGroup, unicastPeers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat,
                options);
    }

    public InstanceSettings withUnicastPeers(List<InetAddress> peers) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, preempt, preemptDelayCentis, authPass, virtualAddresses, multicastGroup, peers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat,
                options);
    }

    public InstanceSettings withGarp(int delaySeconds, int repeat, int refreshSeconds, int refreshRepeat) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, preempt, preemptDelayCentis, authPass, virtualAddresses, multicastGroup, unicastPeers,
                delaySeconds, repeat, refreshSeconds, refreshRepeat, options);
    }

    public InstanceSettings withOptions(ProtocolOptions value) {
        return new InstanceSettings(name, interfaceName, virtualRouterId, version, priority, advertIntervalCentis,
                initialState, preempt, preemptDelayCentis, authPass, virtualAddresses, multicastGroup, unicastPeers,
                garpMasterDelaySeconds, garpMasterRepeat, garpMasterRefreshSeconds, garpMasterRefreshRepeat, value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
