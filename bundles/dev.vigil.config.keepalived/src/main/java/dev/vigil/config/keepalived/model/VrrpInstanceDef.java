package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated {@code vrrp_instance NAME { ... }}, every default applied the way keepalived applies
 * it.
 *
 * @param version 2 or 3: the instance's {@code version}, else 3 for IPv6, else the global one
 * @param priority 1-255; without {@code priority} 255 for {@code state MASTER}, else 100 (keepalived)
 * @param advertIntervalCentis {@code advert_int} in hundredths of a second (whole seconds for v2)
 * @param preempt false with {@code nopreempt}
 * @param preemptDelayCentis {@code preempt_delay} in hundredths of a second
 * @param authentication {@code auth_type PASS} with its (at most 8 character) password
 * @param sourceAddress {@code mcast_src_ip} or {@code unicast_src_ip}
 * @param unicastPeers the {@code unicast_peer} addresses, empty for multicast
 * @param trackScripts kept for the trackers to come; no effect yet
 * @param smtpAlert the instance's own {@code smtp_alert}; empty = global_defs decides
 * @param notifyScripts {@code notify_master} and friends by keyword: the command as written
 * @param tracked every tracked check of the track_script/_process/_file/_http/_tcp/_plugin lists
 * @param trackInterfaces the {@code track_interface} lines
 * @param multicastGroup the group adverts go to (global vrrp_mcast_group4/6 or RFC default)
 * @param extras lines of virtual_ipaddress_excluded, virtual_routes, virtual_rules, normalised
 * @param protocol keepalived's protocol switches, resolved for this instance
 * @param vmacInterface the {@code use_vmac} interface ({@code vrrp.VRID} unless named); empty without
 * @param vmacTransmitBase {@code vmac_xmit_base}: adverts leave from the base interface, not the VMAC
 * @param trackInterface false with {@code dont_track_primary}: the interface's link never means FAULT
 * @param faultWithoutUnicastPeers {@code unicast_fault_no_peer}: FAULT rather than multicast without peers
 * @param v3ChecksumAsV2 {@code v3_checksum_as_v2} (the instance's, else global_defs')
 * @param oldUnicastChecksum {@code old_unicast_checksum}: "detect" (absent), "always" (bare), "never"
 * @param timerExpiredBackupPriority {@code timer_expired_backup}: another router's highest priority, 0 = off
 * @param garpExtraSeconds {@code garp_extra_if} (the instance's, else global_defs'): refresh period, 0 = off
 * @param garpExtraAllInterfaces {@code garp_extra_if all}: not only on VMAC interfaces
 * @param notifyPriorityChanges {@code notify_priority_changes}: the instance's own, else its sync
 *                              group's, else global {@code vrrp_notify_priority_changes}
 * @param noAccept {@code no_accept}, or no {@code accept} in strict mode: traffic to the VIPs is
 *                 dropped while MASTER (the engine skips it for the address owner)
 * @param ipvlan {@code use_ipvlan}: the ipvlan that takes the VMAC's place (vmacInterface is then
 *               empty); {@code vmac_xmit_base} applies to it too
 * @param trackSourceAddress {@code track_src_ip} with a source address to track: FAULT while it is
 *                           not on the instance's interface
 * @param vmacAddress {@code use_vmac MAC}: the VMAC's own MAC, {@code xx:xx:xx:xx:xx:xx}; empty for RFC 5798's
 * @param kernel {@code unicast_ttl}, {@code kernel_rx_buf_size}, {@code promote_secondaries}
 * @param extraVmacs the extra VMACs of {@code use_vmac_addr} or a VIP line's {@code use_vmac}; the
 *                   VIP lines on them name them as their dev
 * @param vmacGroup {@code use_vmac ... group ID}: the VMAC's link group; empty for its parent's
 * @param vrf {@code vrf}: the VRF of a unicast instance without an interface ({@code interfaceName}
 *            is then empty and every VIP line names its dev)
 */
public record VrrpInstanceDef(String name, InitialState initialState, String interfaceName, int virtualRouterId,
                              int version, AddressFamily family, int priority, int advertIntervalCentis,
                              boolean preempt, int preemptDelayCentis, Optional<AuthDef> authentication,
                              List<VipDef> virtualIpAddresses, Optional<String> sourceAddress,
                              List<String> unicastPeers, int garpMasterDelaySeconds, int garpMasterRepeat,
                              int garpMasterRefreshSeconds, int garpMasterRefreshRepeat,
                              List<TrackScriptRef> trackScripts, Optional<Boolean> smtpAlert,
                              Map<String, String> notifyScripts, SourceLocation location,
                              List<TrackRef> tracked, List<TrackRef> trackInterfaces, String multicastGroup,
                              List<StaticDef> extras, ProtocolOptions protocol, Optional<String> vmacInterface,
                              boolean vmacTransmitBase, boolean trackInterface,
                              boolean faultWithoutUnicastPeers, boolean v3ChecksumAsV2,
                              String oldUnicastChecksum, boolean notifyPriorityChanges,
                              int timerExpiredBackupPriority, boolean noAccept, int garpExtraSeconds,
                              boolean garpExtraAllInterfaces, Optional<IpvlanDef> ipvlan,
                              boolean trackSourceAddress, Optional<String> vmacAddress, KernelSettings kernel,
                              List<ExtraVmacDef> extraVmacs, Optional<Integer> vmacGroup, Optional<String> vrf) {

    public static final int DEFAULT_PRIORITY = 100;
    public static final int OWNER_PRIORITY = 255;
    public static final int DEFAULT_ADVERT_INT_CENTIS = 100;
    public static final int DEFAULT_GARP_MASTER_DELAY = 5;
    public static final int DEFAULT_GARP_MASTER_REPEAT = 5;
    public static final int DEFAULT_GARP_MASTER_REFRESH = 0;
    public static final int DEFAULT_GARP_MASTER_REFRESH_REPEAT = 1;

    public VrrpInstanceDef {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        trackScripts = List.copyOf(trackScripts);
        notifyScripts = Map.copyOf(notifyScripts);
        tracked = List.copyOf(tracked);
        trackInterfaces = List.copyOf(trackInterfaces);
        extras = List.copyOf(extras);
        extraVmacs = List.copyOf(extraVmacs);
    }

    /** Where a VIP line without {@code dev} goes: the ipvlan or VMAC when there is one, as keepalived. */
    public String vipDevice() {
        return ipvlan.map(IpvlanDef::interfaceName).orElse(vmacInterface.orElse(interfaceName));
    }
}
