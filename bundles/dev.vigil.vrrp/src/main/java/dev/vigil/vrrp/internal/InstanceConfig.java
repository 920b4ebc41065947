package dev.vigil.vrrp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One VRRP instance, as the keepalived.conf adapter (or a FileInstall {@code vigil.instance-NAME.cfg})
 * writes it into ConfigAdmin under the factory PID {@code vigil.instance}.
 */
@ObjectClassDefinition(pid = VrrpInstanceComponent.FACTORY_PID, name = "Vigil VRRP instance",
        description = "One vrrp_instance: a virtual router on one interface")
@interface InstanceConfig {

    @AttributeDefinition(description = "Instance name, as in vrrp_instance NAME")
    String name();

    @AttributeDefinition(description = "Interface the instance sends and receives adverts on; empty for a unicast "
            + "instance without one, whose adverts follow the routing table")
    String interfaceName() default "";

    @AttributeDefinition(description = "vrf: the VRF a unicast instance without an interface sends and receives in "
            + "(its socket is bound to the VRF device); empty for the main routing table")
    String vrf() default "";

    @AttributeDefinition(min = "1", max = "255")
    int virtualRouterId();

    @AttributeDefinition(options = {}, description = "VRRP version, 2 (RFC 3768) or 3 (RFC 5798)")
    int version() default 2;

    @AttributeDefinition(min = "1", max = "255")
    int priority() default 100;

    @AttributeDefinition(min = "1", max = "4095", description = "Advert interval in centiseconds")
    int advertIntervalCentis() default 100;

    @AttributeDefinition(description = "MASTER or BACKUP, the configured initial state")
    String initialState() default "BACKUP";

    boolean preempt() default true;

    int preemptDelayCentis() default 0;

    @AttributeDefinition(description = "false for dont_track_primary: the interface's link state never puts the "
            + "instance in FAULT")
    boolean trackInterface() default true;

    @AttributeDefinition(description = "unicast_fault_no_peer: with no unicastPeers the instance stays in FAULT "
            + "instead of falling back to multicast")
    boolean faultWithoutUnicastPeers() default false;

    @AttributeDefinition(description = "v3_checksum_as_v2: VRRPv3 IPv4 checksums without the pseudo-header; "
            + "received ones not checked")
    boolean v3ChecksumAsV2() default false;

    @AttributeDefinition(options = {}, description = "old_unicast_checksum: detect (a unicast peer's pre-2.2.0 "
            + "keepalived checksum is answered in kind), always, or never")
    String oldUnicastChecksum() default "detect";

    @AttributeDefinition(min = "0", max = "254", description = "timer_expired_backup: the highest priority another "
            + "router may have; a MASTER frozen long enough for it to take over comes back as BACKUP (0 = off)")
    int timerExpiredBackupPriority() default 0;

    @AttributeDefinition(min = "0", max = "86400", description = "garp_extra_if: seconds between the GARP/NA "
            + "refreshes a MASTER sends on garpExtraInterfaces (0 = none)")
    int garpExtraInterfaceSeconds() default 0;

    @AttributeDefinition(required = false, description = "garp_extra_if: interfaces of the VIPs that send no adverts "
            + "(VMACs, or all with 'all'); one GARP/NA each per refresh")
    String[] garpExtraInterfaces() default {};

    @AttributeDefinition(required = false, description = "VRRPv2 simple-text password (auth_type PASS)")
    String authPass();

    @AttributeDefinition(description = "ADDR/LEN dev IF [label L]")
    String[] virtualIpAddresses() default {};

    String multicastGroup() default "224.0.0.18";

    @AttributeDefinition(required = false, description = "mcast_src_ip or unicast_src_ip")
    String sourceAddress();

    @AttributeDefinition(required = false)
    String[] unicastPeers() default {};

    @AttributeDefinition(required = false, description = "unicast_peer min_ttl/max_ttl: ADDR MIN MAX, one per peer "
            + "that has them; checked with checkUnicastSource")
    String[] unicastPeerTtls() default {};

    int garpMasterDelaySeconds() default 5;

    int garpMasterRepeat() default 5;

    int garpMasterRefreshSeconds() default 0;

    int garpMasterRefreshRepeat() default 1;

    @AttributeDefinition(description = "skip_check_adv_addr: a backup checks an advert's addresses only from a new master")
    boolean skipCheckAdvertAddresses() default false;

    @AttributeDefinition(description = "check_unicast_src: drop unicast adverts from addresses that are no unicast peer")
    boolean checkUnicastSource() default false;

    @AttributeDefinition(description = "owner_ignore_adverts: drop every advert while the priority is 255")
    boolean ownerIgnoresAdverts() default false;

    @AttributeDefinition(description = "lower_prio_no_advert: a master does not answer a lower priority advert")
    boolean lowerPriorityNoAdvert() default false;

    @AttributeDefinition(description = "higher_prio_send_advert: a master sends an advert before yielding")
    boolean higherPrioritySendAdvert() default false;

    @AttributeDefinition(min = "0", description = "garp_lower_prio_delay in seconds, 0 for no second burst")
    int garpLowerPriorityDelaySeconds() default 5;

    @AttributeDefinition(min = "0", description = "garp_lower_prio_repeat, 0 for no GARPs on a lower priority advert")
    int garpLowerPriorityRepeat() default 5;

    @AttributeDefinition(min = "1", max = "100", description = "down_timer_adverts: adverts in Master_Down_Interval")
    int downTimerAdverts() default 3;

    @AttributeDefinition(min = "0", description = "vrrp_garp_interval in microseconds, 0 for back to back")
    int garpIntervalMicros() default 0;

    @AttributeDefinition(min = "0", description = "vrrp_gna_interval in microseconds, 0 for back to back")
    int gnaIntervalMicros() default 0;

    @AttributeDefinition(required = false)
    String routerId();

    @AttributeDefinition(required = false, description = "Tracked checks (track_script, track_process, track_file, ...): "
            + "NAME, NAME weight=N or NAME weight=N reverse; a weight here overrides the tracker's own")
    String[] trackers() default {};

    @AttributeDefinition(required = false, description = "track_interface entries: IF, IF weight=N or IF weight=N reverse")
    String[] trackInterfaces() default {};

    @AttributeDefinition(required = false, description = "virtual_ipaddress_excluded: ADDR/LEN dev IF [label L]; "
            + "held with MASTER, announced, never in adverts")
    String[] excludedIpAddresses() default {};

    @AttributeDefinition(required = false, description = "virtual_routes, normalised: installed with MASTER")
    String[] virtualRoutes() default {};

    @AttributeDefinition(required = false, description = "virtual_rules, normalised: installed with MASTER")
    String[] virtualRules() default {};

    @AttributeDefinition(required = false, description = "use_vmac: the VMAC interface (vrrp.VRID by default), "
            + "a macvlan with the virtual router MAC made while the instance runs; absent or empty for none")
    String vmacInterface() default "";

    @AttributeDefinition(description = "vmac_xmit_base: adverts go out on the instance's interface, not the VMAC")
    boolean vmacTransmitBase() default false;

    @AttributeDefinition(required = false, description = "use_vmac MAC: the VMAC's own MAC (xx:xx:xx:xx:xx:xx); "
            + "absent or empty for 00:00:5e:00:01:VRID (00:02 for IPv6)")
    String vmacAddress() default "";

    @AttributeDefinition(description = "use_vmac/use_ipvlan group ID: the link group of the instance's VMAC or "
            + "ipvlan; negative (the default) for its parent's, as keepalived")
    int vmacGroup() default -1;

    @AttributeDefinition(required = false, description = "use_vmac_addr, or a VIP's use_vmac: one 'NAME PARENT [ipv6]' "
            + "per extra VMAC, a macvlan on PARENT with the virtual router MAC of that family (vmacAddress when "
            + "given) made while the instance runs; the VIP lines name it as their dev")
    String[] extraVmacs() default {};

    @AttributeDefinition(description = "track_src_ip: FAULT while sourceAddress is not on the instance's interface "
            + "(the ipvlan with use_ipvlan)")
    boolean trackSourceAddress() default false;

    @AttributeDefinition(required = false, description = "use_ipvlan: the ipvlan interface (vrrp.VRID by default), "
            + "an L2 ipvlan on the instance's interface made while the instance runs; absent or empty for none. "
            + "Takes the place of vmacInterface")
    String ipvlanInterface() default "";

    @AttributeDefinition(required = false, description = "use_ipvlan: the ipvlan's mode flag, bridge, private or vepa")
    String ipvlanMode() default "bridge";

    @AttributeDefinition(required = false, description = "use_ipvlan: ADDR/LEN put on the ipvlan (required for IPv4; "
            + "an IPv6 instance without one uses the ipvlan's link-local address)")
    String ipvlanAddress() default "";

    @AttributeDefinition(description = "notify_priority_changes, resolved (the instance's, else its sync group's, "
            + "else global vrrp_notify_priority_changes): notifiers that ask for PRIORITY events hear each change "
            + "of the effective priority")
    boolean notifyPriorityChanges() default false;

    @AttributeDefinition(description = "no_accept (RFC 5798 Accept_Mode false): while MASTER, traffic to the VIPs is "
            + "dropped by the data plane's VipFirewall, unless the priority is 255")
    boolean noAccept() default false;

    @AttributeDefinition(min = "0", max = "255", description = "unicast_ttl: the TTL (IPv6 hop limit) of unicast "
            + "adverts; multicast adverts always carry 255")
    int unicastTtl() default 255;

    @AttributeDefinition(min = "0", description = "kernel_rx_buf_size: the SO_RCVBUF asked for the advert socket, "
            + "0 for the kernel's default (the kernel doubles it, capped at net.core.rmem_max)")
    int receiveBufferBytes() default 0;

    @AttributeDefinition(description = "promote_secondaries: sets net.ipv4.conf.IF.promote_secondaries=1 on the "
            + "instance's interface, so removing the primary address of a subnet promotes a secondary one instead "
            + "of removing them all")
    boolean promoteSecondaries() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin();
}
