package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.model.StaticDef;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.model.VipDef;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the keyword rules fill in while a file is read. Every value keeps the line it came from;
 * {@link ConfigResolver} turns these into the immutable model once the whole file is known
 * (keepalived too applies {@code global_defs} to instances only after reading everything).
 */
final class Builders {

    private Builders() {
    }

    static final class Config {
        final Global global = new Global();
        final List<Script> scripts = new ArrayList<>();
        final List<Instance> instances = new ArrayList<>();
        final List<Tracker> trackers = new ArrayList<>();
        final List<SyncGroup> syncGroups = new ArrayList<>();
        final List<StaticDef> statics = new ArrayList<>();
        final List<Webhook> webhooks = new ArrayList<>();
        final List<GarpGroup> garpGroups = new ArrayList<>();
        /** {@code track_group} blocks in file order. */
        final List<TrackGroup> trackGroups = new ArrayList<>();
        /** The static entries that name a track_group, with the interface its instances then track. */
        final List<StaticTrack> staticTracks = new ArrayList<>();
        /** Every tracker-defining block in file order (scripts and the others), for duplicate checks. */
        final List<Located<String>> trackerNames = new ArrayList<>();

        GarpGroup garpGroup(SourceLocation location) {
            GarpGroup g = new GarpGroup(location);
            garpGroups.add(g);
            return g;
        }

        Global global(SourceLocation location) {
            if (global.location == null) {
                global.location = location;
            }
            return global;
        }

        Script script(Located<String> name) {
            Script script = new Script(name);
            trackerNames.add(name);
            scripts.add(script);
            return script;
        }

        Tracker tracker(String block, String kind, Located<String> name) {
            Tracker tracker = new Tracker(block, kind, name);
            trackers.add(tracker);
            trackerNames.add(name);
            return tracker;
        }

        TrackGroup trackGroup(Located<String> name) {
            TrackGroup group = new TrackGroup(name);
            trackGroups.add(group);
            return group;
        }

        SyncGroup syncGroup(Located<String> name) {
            SyncGroup group = new SyncGroup(name);
            syncGroups.add(group);
            return group;
        }

        Webhook webhook(Located<String> name) {
            Webhook webhook = new Webhook(name);
            webhooks.add(webhook);
            return webhook;
        }

        Instance instance(Located<String> name) {
            Instance instance = new Instance(name);
            instances.add(instance);
            return instance;
        }
    }

    static final class Global {
        SourceLocation location;
        Located<String> routerId;
        Located<Integer> vrrpVersion;
        Located<InetAddress> vrrpMcastGroup4;
        /** {@code default_interface}: where a VIP without {@code dev} of an instance without an interface goes. */
        Located<String> defaultInterface;
        final List<String> notificationEmails = new ArrayList<>();
        Located<String> notificationEmailFrom;
        Located<List<String>> smtpServer;
        Located<Integer> smtpConnectTimeout;
        Located<Boolean> smtpAlert;
        Located<Boolean> smtpAlertVrrp;
        Located<String> smtpHeloName;
        /** notify_fifo, notify_fifo_script, vrrp_notify_fifo, vrrp_notify_fifo_script by keyword. */
        final Map<String, NotifyLine> fifoLines = new LinkedHashMap<>();
        Located<java.net.InetAddress> vrrpMcastGroup6;
        Located<List<String>> scriptUser;
        Located<Boolean> enableScriptSecurity;
        /** {@code no_email_faults}: no SMTP alert for FAULT transitions. */
        boolean noEmailFaults;
        Located<Integer> garpMasterDelay;
        Located<Integer> garpMasterRepeat;
        Located<Integer> garpMasterRefresh;
        Located<Integer> garpMasterRefreshRepeat;
        final Map<String, String> notifySettings = new LinkedHashMap<>();
        /** Every {@code vmac_prefix} / {@code vmac_addr_prefix} line: keepalived keeps the first of each. */
        final List<Located<String>> vmacPrefixes = new ArrayList<>();
        final List<Located<String>> vmacAddrPrefixes = new ArrayList<>();
        /** {@code vrrp_garp_extra_if [all] SECONDS} (or {@code vrrp_vmac_garp_intvl}): every instance's default. */
        Located<java.util.List<String>> garpExtraIf;
        /** {@code v3_checksum_as_v2 [BOOL]}: every instance's default. */
        Located<Boolean> v3ChecksumAsV2;
        /** {@code vrrp_notify_priority_changes}: the default of the groups' and instances' own. */
        Located<Boolean> notifyPriorityChanges;
        /** vrrp_strict, vrrp_skip_check_adv_addr...: the defaults of every instance's switches. */
        final ProtocolSwitches switches = new ProtocolSwitches();
        /** {@code nftables [TABLE]}: the words after the keyword. */
        Located<List<String>> nftables;
        Located<Integer> nftablesPriority;
        SourceLocation nftablesCounters;
        SourceLocation nftablesIfindex;
    }

    /**
     * keepalived's switches of the protocol engine, as given in global_defs ({@code vrrp_} keywords)
     * or a vrrp_instance; null = not given.
     */
    static final class ProtocolSwitches {
        Located<Boolean> strict;
        Located<Boolean> skipCheckAdvAddr;
        Located<Boolean> checkUnicastSrc;
        Located<Boolean> ownerIgnoreAdverts;
        Located<Boolean> lowerPrioNoAdvert;
        Located<Boolean> higherPrioSendAdvert;
        Located<Integer> garpLowerPrioDelay;
        Located<Integer> garpLowerPrioRepeat;
        Located<Integer> downTimerAdverts;
        Located<BigDecimal> garpInterval;
        Located<BigDecimal> gnaInterval;
        /** {@code accept} (true) / {@code no_accept} (false), instances only. */
        Located<Boolean> accept;
    }

    /** A tracker block other than vrrp_script: common settings plus the contract properties of its kind. */
    static final class Tracker {
        final String block;
        String kind;
        final Located<String> name;
        Located<BigDecimal> interval;
        Located<BigDecimal> timeout;
        Located<Integer> rise;
        Located<Integer> fall;
        Located<Integer> weight;
        boolean reverse;
        Located<String> pluginKind;
        final Map<String, Located<Object>> properties = new LinkedHashMap<>();

        Tracker(String block, String kind, Located<String> name) {
            this.block = block;
            this.kind = kind;
            this.name = name;
        }

        void put(String key, Object value, dev.vigil.config.keepalived.diag.SourceLocation at) {
            properties.put(key, new Located<>(value, at));
        }
    }

    static final class SyncGroup {
        final Located<String> name;
        final List<Located<String>> members = new ArrayList<>();
        final Map<String, String> settings = new LinkedHashMap<>();
        final Map<String, NotifyLine> notifyScripts = new LinkedHashMap<>();
        /** The group's track_script/track_process/track_file lines, given to every member. */
        final List<TrackRef> tracked = new ArrayList<>();
        /** The group's track_interface lines, given to every member. */
        final List<TrackRef> trackInterfaces = new ArrayList<>();
        Located<Boolean> smtpAlert;
        /** {@code notify_priority_changes}: the default of its members' own. */
        Located<Boolean> notifyPriorityChanges;
        /** The first {@code group} block, the one that counts. */
        SourceLocation groupAt;
        boolean groupSeen;

        SyncGroup(Located<String> name) {
            this.name = name;
        }
    }

    /** {@code track_group NAME { group { VI_1 VI_2 } }}: the instances that track static entries. */
    static final class TrackGroup {
        final Located<String> name;
        final List<Located<String>> members = new ArrayList<>();
        /** The first {@code group} block, the one that counts. */
        SourceLocation groupAt;

        TrackGroup(Located<String> name) {
            this.name = name;
        }
    }

    /**
     * A static address, route or rule with {@code track_group GROUP}: the group's instances track
     * {@code interfaceName} (the address's {@code dev}, the route's {@code dev}, the rule's
     * {@code iif}) as keepalived does, FAULT while it is down.
     */
    record StaticTrack(String group, String interfaceName, SourceLocation location) {
    }

    static final class Script {
        final Located<String> name;
        Located<List<String>> script;
        Located<BigDecimal> interval;
        Located<BigDecimal> timeout;
        Located<Integer> weight;
        boolean weightReverse;
        Located<Integer> rise;
        Located<Integer> fall;
        Located<List<String>> user;
        Located<Boolean> initFail;

        Script(Located<String> name) {
            this.name = name;
        }
    }

    static final class Instance {
        final Located<String> name;
        Located<String> state;
        Located<String> interfaceName;
        /** {@code vrf}: the VRF a unicast instance without an interface works in. */
        Located<String> vrf;
        Located<Integer> virtualRouterId;
        Located<Integer> priority;
        Located<BigDecimal> advertInt;
        Located<Integer> version;
        Located<Boolean> nopreempt;
        Located<BigDecimal> preemptDelay;
        Authentication authentication;
        final List<VipDef> vips = new ArrayList<>();
        Located<InetAddress> sourceAddress;
        String sourceAddressKeyword;
        boolean unicastConfigured;
        final List<Located<InetAddress>> unicastPeers = new ArrayList<>();
        Located<Integer> garpMasterDelay;
        Located<Integer> garpMasterRepeat;
        Located<Integer> garpMasterRefresh;
        Located<Integer> garpMasterRefreshRepeat;
        final List<TrackScriptRef> trackScripts = new ArrayList<>();
        Located<Boolean> smtpAlert;
        final Map<String, NotifyLine> notifyScripts = new LinkedHashMap<>();
        final List<TrackRef> tracked = new ArrayList<>();
        final List<TrackRef> trackInterfaces = new ArrayList<>();
        final List<StaticDef> extras = new ArrayList<>();
        final List<VipDef> excludedVips = new ArrayList<>();
        final ProtocolSwitches switches = new ProtocolSwitches();
        /** {@code use_vmac [NAME]}: the words after the keyword. */
        Located<java.util.List<String>> useVmac;
        SourceLocation vmacXmitBase;
        /** {@code use_vmac_addr}: every VIP on another interface, or of the other family, gets an extra VMAC. */
        SourceLocation useVmacAddr;
        /** {@code use_ipvlan [[name] NAME] [ADDR] [MODE] [group G]}: the words after the keyword. */
        Located<java.util.List<String>> useIpvlan;
        /** {@code mcast_dst_ip}: this instance's multicast group instead of the global one. */
        Located<InetAddress> mcastDstIp;
        /** {@code native_ipv6} (deprecated in keepalived): the instance is IPv6 even without addresses. */
        SourceLocation nativeIpv6;
        SourceLocation dontTrackPrimary;
        /** {@code no_virtual_ipaddress}: no VIP is fine (addresses moved by other means, e.g. a cloud API). */
        SourceLocation noVirtualIpaddress;
        /** {@code v3_checksum_as_v2 [BOOL]}; absent = global_defs decides. */
        Located<Boolean> v3ChecksumAsV2;
        /** {@code old_unicast_checksum [never]}: the word, empty for the bare keyword. */
        Located<java.util.List<String>> oldUnicastChecksum;
        /** The prefix of generated VMAC/ipvlan names (global {@code vmac_prefix}, default {@code vrrp}). */
        String vmacPrefix = VmacNames.DEFAULT_PREFIX;
        /** The prefix of generated extra-VMAC names (global {@code vmac_addr_prefix}, default the above). */
        String vmacAddrPrefix = VmacNames.DEFAULT_PREFIX;
        /** {@code garp_extra_if [all] SECONDS} (or {@code vmac_garp_intvl}): the words after it. */
        Located<java.util.List<String>> garpExtraIf;
        /** {@code timer_expired_backup [PRIO]} (or {@code thread_timer_expired}): the words after it. */
        Located<java.util.List<String>> timerExpiredBackup;
        SourceLocation unicastFaultNoPeer;
        SourceLocation trackSrcIp;
        Located<Boolean> notifyPriorityChanges;
        Located<Integer> unicastTtl;
        Located<Integer> kernelRxBufSize;
        SourceLocation promoteSecondaries;

        Instance(Located<String> name) {
            this.name = name;
        }

        Authentication authentication(SourceLocation location) {
            if (authentication == null) {
                authentication = new Authentication(location);
            }
            return authentication;
        }
    }

    static final class Authentication {
        final SourceLocation location;
        Located<String> type;
        Located<String> password;

        Authentication(SourceLocation location) {
            this.location = location;
        }
    }

    /**
     * {@code KEYWORD VALUE [USER [GROUP]]}: a notify script or FIFO line as keepalived reads it,
     * the value being one word or one quoted string.
     *
     * @param argv the value split into a command with keepalived's quoting (a FIFO's path alone)
     */
    record NotifyLine(String keyword, String value, List<String> argv, Optional<String> user,
                      Optional<String> group, SourceLocation location) {
    }

    /** {@code garp_group { garp_interval S; gna_interval S; interface IF; interfaces { IF... } }}. */
    static final class GarpGroup {
        final SourceLocation location;
        Located<BigDecimal> garpInterval;
        Located<BigDecimal> gnaInterval;
        final List<Located<String>> interfaces = new ArrayList<>();

        GarpGroup(SourceLocation location) {
            this.location = location;
        }
    }

    /** {@code vigil_webhook NAME { ... }}. */
    static final class Webhook {
        final Located<String> name;
        Located<String> url;
        boolean urlGiven;
        Located<String> secret;
        Located<BigDecimal> timeout;
        Located<BigDecimal> retryFor;
        final List<Located<String>> instances = new ArrayList<>();
        final List<Located<String>> groups = new ArrayList<>();

        Webhook(Located<String> name) {
            this.name = name;
        }
    }
}
