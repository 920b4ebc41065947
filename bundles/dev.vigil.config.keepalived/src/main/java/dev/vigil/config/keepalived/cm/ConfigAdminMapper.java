package dev.vigil.config.keepalived.cm;

import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.model.KernelSettings;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.model.ProtocolOptions;
import dev.vigil.config.keepalived.model.SyncGroupDef;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackerDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the model into ConfigAdmin factory configurations, the contracts with the other bundles
 * (docs/CONTRACTS.md): one {@code vigil.instance~NAME} per {@code vrrp_instance}, one
 * {@code vigil.tracker.KIND~NAME} per tracker, one {@code vigil.syncgroup~NAME} per
 * {@code vrrp_sync_group}, one {@code vigil.notify.KIND~NAME} per notifier and one
 * {@code vigil.static~default} for the static addresses, routes and rules and one
 * {@code vigil.firewall.nftables~default} for the no_accept firewall. A configuration is
 * updated only when its properties change, so an unchanged instance is never restarted or
 * reconfigured, and the configurations that left the file are deleted.
 */
public final class ConfigAdminMapper {

    public static final String INSTANCE_FACTORY_PID = "vigil.instance";
    public static final String SYNC_GROUP_FACTORY_PID = "vigil.syncgroup";
    public static final String STATIC_FACTORY_PID = StaticNetworkProperties.FACTORY_PID;
    public static final String FIREWALL_FACTORY_PID = FirewallProperties.FACTORY_PID;

    public static final String NAME = "name";
    public static final String INTERFACE_NAME = "interfaceName";
    /** {@code vrf}: the VRF of a unicast instance without an interface (then without {@code interfaceName}). */
    public static final String VRF = "vrf";
    public static final String VIRTUAL_ROUTER_ID = "virtualRouterId";
    public static final String VERSION = "version";
    public static final String PRIORITY = "priority";
    public static final String ADVERT_INTERVAL_CENTIS = "advertIntervalCentis";
    public static final String INITIAL_STATE = "initialState";
    public static final String PREEMPT = "preempt";
    public static final String PREEMPT_DELAY_CENTIS = "preemptDelayCentis";
    public static final String AUTH_PASS = "authPass";
    public static final String VIRTUAL_IP_ADDRESSES = "virtualIpAddresses";
    public static final String MULTICAST_GROUP = "multicastGroup";
    public static final String SOURCE_ADDRESS = "sourceAddress";
    public static final String UNICAST_PEERS = "unicastPeers";
    public static final String GARP_MASTER_DELAY_SECONDS = "garpMasterDelaySeconds";
    public static final String GARP_MASTER_REPEAT = "garpMasterRepeat";
    public static final String GARP_MASTER_REFRESH_SECONDS = "garpMasterRefreshSeconds";
    public static final String GARP_MASTER_REFRESH_REPEAT = "garpMasterRefreshRepeat";
    public static final String SKIP_CHECK_ADVERT_ADDRESSES = "skipCheckAdvertAddresses";
    public static final String CHECK_UNICAST_SOURCE = "checkUnicastSource";
    public static final String OWNER_IGNORES_ADVERTS = "ownerIgnoresAdverts";
    public static final String LOWER_PRIORITY_NO_ADVERT = "lowerPriorityNoAdvert";
    public static final String HIGHER_PRIORITY_SEND_ADVERT = "higherPrioritySendAdvert";
    public static final String GARP_LOWER_PRIORITY_DELAY_SECONDS = "garpLowerPriorityDelaySeconds";
    public static final String GARP_LOWER_PRIORITY_REPEAT = "garpLowerPriorityRepeat";
    public static final String DOWN_TIMER_ADVERTS = "downTimerAdverts";
    public static final String GARP_INTERVAL_MICROS = "garpIntervalMicros";
    public static final String GNA_INTERVAL_MICROS = "gnaIntervalMicros";
    public static final String ROUTER_ID = "routerId";
    public static final String ORIGIN = "vigil.config.origin";
    public static final String TRACKERS = "trackers";
    public static final String TRACK_INTERFACES = "trackInterfaces";
    public static final String EXCLUDED_IP_ADDRESSES = "excludedIpAddresses";
    /** Written only with use_vmac, so instances without keep their exact properties. */
    public static final String VMAC_INTERFACE = "vmacInterface";
    public static final String VMAC_TRANSMIT_BASE = "vmacTransmitBase";
    public static final String VMAC_ADDRESS = "vmacAddress";
    public static final String VMAC_GROUP = "vmacGroup";
    /** use_vmac_addr or a VIP's use_vmac: "NAME PARENT [ipv6]" per extra VMAC, written only when there are any. */
    public static final String EXTRA_VMACS = "extraVmacs";
    /** Written only with use_ipvlan (ipvlanAddress only when it has one), with vmacTransmitBase. */
    public static final String IPVLAN_INTERFACE = "ipvlanInterface";
    public static final String IPVLAN_MODE = "ipvlanMode";
    public static final String IPVLAN_ADDRESS = "ipvlanAddress";
    public static final String TRACK_INTERFACE = "trackInterface";
    public static final String FAULT_WITHOUT_UNICAST_PEERS = "faultWithoutUnicastPeers";
    /** track_src_ip: written only when true. */
    public static final String TRACK_SOURCE_ADDRESS = "trackSourceAddress";
    public static final String V3_CHECKSUM_AS_V2 = "v3ChecksumAsV2";
    public static final String OLD_UNICAST_CHECKSUM = "oldUnicastChecksum";
    public static final String TIMER_EXPIRED_BACKUP_PRIORITY = "timerExpiredBackupPriority";
    public static final String GARP_EXTRA_INTERFACE_SECONDS = "garpExtraInterfaceSeconds";
    public static final String GARP_EXTRA_INTERFACES = "garpExtraInterfaces";
    public static final String NO_ACCEPT = "noAccept";
    public static final String UNICAST_TTL = "unicastTtl";
    public static final String RECEIVE_BUFFER_BYTES = "receiveBufferBytes";
    public static final String PROMOTE_SECONDARIES = "promoteSecondaries";
    public static final String VIRTUAL_ROUTES = "virtualRoutes";
    /** Written only when on, so instances without it keep their exact properties. */
    public static final String NOTIFY_PRIORITY_CHANGES = "notifyPriorityChanges";
    /** unicast_peer min_ttl/max_ttl: "ADDR MIN MAX" per peer that has them. */
    public static final String UNICAST_PEER_TTLS = "unicastPeerTtls";
    public static final String VIRTUAL_RULES = "virtualRules";
    public static final String INSTANCES = "instances";
    public static final String SYNC_GROUP_TRACKING_WEIGHT = "syncGroupTrackingWeight";
    public static final String TRACKER_FACTORY_PID_PREFIX = "vigil.tracker.";
    public static final String NOTIFIER_FACTORY_PID_PREFIX = NotifierDef.FACTORY_PID_PREFIX;
    /** The property FileInstall puts on every configuration it made from a file. */
    public static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    /**
     * Properties ConfigurationAdmin adds itself never count as a change; nor does the origin
     * alone: an instance that only moved in the file (a block added above it) is unchanged and
     * is not touched; its origin is refreshed with its next real change.
     */
    private static final Set<String> IGNORED_IN_COMPARISON = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", ORIGIN);

    private final ConfigurationStore store;
    private final InstanceRemovalWaiter removalWaiter;

    public ConfigAdminMapper(ConfigurationStore store) {
        this(store, InstanceRemovalWaiter.NONE);
    }

    /**
     * @param removalWaiter told which instances were deleted, before anything else changes, so
     *                      their last notifications still reach the notifiers
     */
    public ConfigAdminMapper(ConfigurationStore store, InstanceRemovalWaiter removalWaiter) {
        this.store = store;
        this.removalWaiter = removalWaiter;
    }

    /** The kinds of configuration this bundle owns, by factory PID. */
    enum Kind {
        INSTANCE, TRACKER, NOTIFIER, SYNC_GROUP, STATIC, FIREWALL;

        static Kind of(String factoryPid) {
            if (factoryPid == null) {
                return null;
            }
            if (factoryPid.equals(INSTANCE_FACTORY_PID)) {
                return INSTANCE;
            }
            if (factoryPid.equals(SYNC_GROUP_FACTORY_PID)) {
                return SYNC_GROUP;
            }
            if (factoryPid.equals(STATIC_FACTORY_PID)) {
                return STATIC;
            }
            if (factoryPid.equals(FIREWALL_FACTORY_PID)) {
                return FIREWALL;
            }
            if (factoryPid.startsWith(TRACKER_FACTORY_PID_PREFIX)) {
                return TRACKER;
            }
            return factoryPid.startsWith(NOTIFIER_FACTORY_PID_PREFIX) ? NOTIFIER : null;
        }
    }

    /**
     * What one kind of configuration went through in one {@link #apply}: instance names for
     * instances, PIDs ({@code vigil.tracker.script~chk_nginx}) for the others.
     */
    public record Changes(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {
        public Changes {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }

        int total() {
            return created.size() + updated.size() + unchanged.size() + deleted.size();
        }

        @Override
        public String toString() {
            return created.size() + " created, " + updated.size() + " updated, " + unchanged.size() + " unchanged, "
                    + deleted.size() + " deleted";
        }
    }

    /**
     * What one {@link #apply} did; {@code overridden} lists the PIDs a FileInstall {@code .cfg}
     * owns, which keepalived.conf never touches.
     */
    public record ApplyResult(Changes instances, Changes trackers, Changes notifiers, Changes syncGroups,
                              List<String> overridden, Changes statics, Changes firewall) {
        public ApplyResult {
            overridden = List.copyOf(overridden);
        }

        @Override
        public String toString() {
            String text = instances.toString();
            if (trackers.total() > 0) {
                text += "; trackers: " + trackers;
            }
            if (syncGroups.total() > 0) {
                text += "; sync groups: " + syncGroups;
            }
            if (notifiers.total() > 0) {
                text += "; notifiers: " + notifiers;
            }
            if (statics.total() > 0) {
                text += "; static addresses/routes/rules: " + statics;
            }
            if (firewall.total() > 0) {
                text += "; nftables firewall: " + firewall;
            }
            if (!overridden.isEmpty()) {
                text += "; overridden by FileInstall: " + String.join(", ", overridden);
            }
            return text;
        }
    }

    /** One configuration the file wants. */
    private record Wanted(String factoryPid, String name, Map<String, Object> properties) {
        String pid() {
            return factoryPid + "~" + name;
        }
    }

    /** A configuration that left the file, with what it is read before any delete (a deleted one answers nothing). */
    private record Stale(ConfigurationStore.StoredConfiguration stored, Kind kind, String label) {
    }

    /** The lists one {@link Changes} is built from. */
    private static final class ChangeLog {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        Changes freeze() {
            return new Changes(created, updated, unchanged, deleted);
        }
    }

    /**
     * Makes the configurations match {@code config}. Call it only for a valid configuration.
     * Order matters to the running routers and notifiers:
     * <ol>
     * <li>instances and sync groups that left the file are deleted (a VRID moved to a new instance
     * is free before it starts, an instance moved to another group leaves the old one first);</li>
     * <li>the removal waiter is given the deleted instances, so that their STOP/DELETED
     * notifications are queued while every notifier still has its old configuration;</li>
     * <li>trackers, notifiers and sync groups are written before the instances that use them;</li>
     * <li>trackers and notifiers that left the file are deleted last: a removed instance's
     * notifiers go only after the instance itself.</li>
     * </ol>
     */
    public ApplyResult apply(KeepalivedConfig config) throws IOException {
        List<Wanted> trackers = config.trackers().stream()
                .map(t -> new Wanted(t.factoryPid(), t.name(), trackerProperties(t))).toList();
        List<Wanted> notifiers = config.notifiers().stream()
                .map(n -> new Wanted(n.factoryPid(), n.name(), notifierProperties(n))).toList();
        List<Wanted> groups = config.syncGroups().stream()
                .map(g -> new Wanted(SYNC_GROUP_FACTORY_PID, g.name(), syncGroupProperties(g))).toList();
        Set<String> vmacs = config.instances().stream().flatMap(ConfigAdminMapper::virtualInterfaces)
                .collect(java.util.stream.Collectors.toSet());
        List<Wanted> instances = config.instances().stream()
                .map(i -> new Wanted(INSTANCE_FACTORY_PID, i.name(),
                        instanceProperties(i, config.globalDefs(), config.trackers(), vmacs))).toList();
        List<Wanted> statics = StaticNetworkProperties.of(config.statics())
                .map(p -> new Wanted(STATIC_FACTORY_PID, StaticNetworkProperties.NAME, p)).stream().toList();
        List<Wanted> firewall = FirewallProperties.of(config)
                .map(p -> new Wanted(FIREWALL_FACTORY_PID, FirewallProperties.NAME, p)).stream().toList();
        Set<String> wantedPids = new HashSet<>();
        for (List<Wanted> kind : List.of(trackers, notifiers, groups, instances, statics, firewall)) {
            kind.forEach(w -> wantedPids.add(w.pid()));
        }
        List<Stale> stale = stale(wantedPids);
        Map<Kind, ChangeLog> log = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            log.put(kind, new ChangeLog());
        }
        List<String> overridden = new ArrayList<>();

        delete(stale, Kind.INSTANCE, log);
        delete(stale, Kind.SYNC_GROUP, log);
        if (!log.get(Kind.INSTANCE).deleted.isEmpty()) {
            removalWaiter.awaitRemoved(log.get(Kind.INSTANCE).deleted);
        }
        write(trackers, log.get(Kind.TRACKER), overridden, false);
        write(notifiers, log.get(Kind.NOTIFIER), overridden, false);
        write(groups, log.get(Kind.SYNC_GROUP), overridden, false);
        write(statics, log.get(Kind.STATIC), overridden, false);
        write(firewall, log.get(Kind.FIREWALL), overridden, false); // before the instances that block through it
        write(instances, log.get(Kind.INSTANCE), overridden, true);
        delete(stale, Kind.TRACKER, log);
        delete(stale, Kind.NOTIFIER, log);
        delete(stale, Kind.STATIC, log);
        delete(stale, Kind.FIREWALL, log);
        return new ApplyResult(log.get(Kind.INSTANCE).freeze(), log.get(Kind.TRACKER).freeze(),
                log.get(Kind.NOTIFIER).freeze(), log.get(Kind.SYNC_GROUP).freeze(), overridden,
                log.get(Kind.STATIC).freeze(), log.get(Kind.FIREWALL).freeze());
    }

    /** This bundle's configurations that left the file, except those FileInstall made. */
    private List<Stale> stale(Set<String> wantedPids) throws IOException {
        List<Stale> stale = new ArrayList<>();
        for (ConfigurationStore.StoredConfiguration stored : store.allConfigurations()) {
            Kind kind = Kind.of(factoryPid(stored));
            if (kind != null && !wantedPids.contains(stored.pid()) && !fromFileInstall(stored.properties())) {
                stale.add(new Stale(stored, kind, kind == Kind.INSTANCE ? instanceName(stored) : stored.pid()));
            }
        }
        return stale;
    }

    private static void delete(List<Stale> stale, Kind kind, Map<Kind, ChangeLog> log) throws IOException {
        for (Stale gone : stale) {
            if (gone.kind() == kind) {
                gone.stored().delete();
                log.get(kind).deleted.add(gone.label());
            }
        }
    }

    /** @param byName label instances by name (the ApplyResult's habit), the others by PID */
    private void write(List<Wanted> wanted, ChangeLog log, List<String> overridden, boolean byName)
            throws IOException {
        for (Wanted w : wanted) {
            ConfigurationStore.StoredConfiguration stored = store.factoryConfiguration(w.factoryPid(), w.name());
            Map<String, Object> current = stored.properties();
            String label = byName ? w.name() : w.pid();
            if (current == null) {
                stored.update(w.properties());
                log.created.add(label);
            } else if (fromFileInstall(current)) {
                overridden.add(w.pid());
            } else if (!sameProperties(current, w.properties())) {
                stored.update(w.properties());
                log.updated.add(label);
            } else {
                log.unchanged.add(label);
            }
        }
    }

    /** {@code NAME kind=K weight=W [reverse]}; a name without a definition keeps the list's own words. */
    static String resolved(TrackRef ref, TrackerDef tracker) {
        if (tracker == null) {
            return ref.contractText();
        }
        Object ownWeight = tracker.properties().get("weight");
        int weight = ref.weight().orElse(ownWeight instanceof Integer w ? w : 0);
        boolean reverse = ref.weight().isPresent() ? ref.reverse()
                : ref.reverse() || Boolean.TRUE.equals(tracker.properties().get("reverse"));
        return ref.name() + " kind=" + tracker.kind() + " weight=" + weight + (reverse ? " reverse" : "");
    }

    /** A configuration FileInstall made from a deploy-folder {@code .cfg}: it wins over keepalived.conf. */
    static boolean fromFileInstall(Map<String, Object> properties) {
        return properties != null && properties.containsKey(FILEINSTALL_FILENAME);
    }

    private static String factoryPid(ConfigurationStore.StoredConfiguration stored) {
        Map<String, Object> properties = stored.properties();
        Object factoryPid = properties == null ? null : properties.get("service.factoryPid");
        if (factoryPid != null) {
            return factoryPid.toString();
        }
        int tilde = stored.pid().indexOf('~');
        return tilde < 0 ? null : stored.pid().substring(0, tilde);
    }

    /** The exact properties of one notifier's {@code vigil.notify.KIND~NAME} configuration. */
    public static Map<String, Object> notifierProperties(NotifierDef notifier) {
        Map<String, Object> p = new LinkedHashMap<>(notifier.properties());
        p.put(ORIGIN, notifier.location().toString());
        return p;
    }

    /** The exact properties of one sync group's {@code vigil.syncgroup~NAME} configuration. */
    public static Map<String, Object> syncGroupProperties(SyncGroupDef group) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(NAME, group.name());
        p.put(INSTANCES, group.members().toArray(String[]::new));
        // Either keyword makes the members' tracker weights count (keepalived's rule); absent = false.
        if (group.settings().containsKey("sync_group_tracking_weight") || group.settings().containsKey("global_tracking")) {
            p.put(SYNC_GROUP_TRACKING_WEIGHT, Boolean.TRUE);
        }
        p.put(ORIGIN, group.location().toString());
        return p;
    }

    /** The exact properties of one tracker's {@code vigil.tracker.KIND~NAME} configuration. */
    public static Map<String, Object> trackerProperties(TrackerDef tracker) {
        Map<String, Object> p = new LinkedHashMap<>(tracker.properties());
        p.put(ORIGIN, tracker.location().toString());
        return p;
    }

    /**
     * The exact properties of one instance's {@code vigil.instance~NAME} configuration. Each
     * {@code trackers} entry is written resolved, {@code NAME kind=K weight=W [reverse]}: the
     * track list's weight or else the tracker's own, so the VRRP bundle knows how a tracker
     * counts even while its kind's bundle is absent.
     */
    public static Map<String, Object> instanceProperties(VrrpInstanceDef instance, GlobalDefs globals,
            List<TrackerDef> trackers) {
        return instanceProperties(instance, globals, trackers, java.util.stream.Stream.concat(
                java.util.stream.Stream.of(instance.vipDevice()), virtualInterfaces(instance))
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** The VMACs (own and extra) and ipvlan an instance makes. */
    private static java.util.stream.Stream<String> virtualInterfaces(VrrpInstanceDef i) {
        return java.util.stream.Stream.of(i.vmacInterface().stream(), i.ipvlan().map(v -> v.interfaceName()).stream(),
                i.extraVmacs().stream().map(v -> v.name())).flatMap(s -> s);
    }

    /** As above, {@code vmacs} being every instance's VMAC (garp_extra_if refreshes those unless 'all'). */
    public static Map<String, Object> instanceProperties(VrrpInstanceDef instance, GlobalDefs globals,
            List<TrackerDef> trackers, Set<String> vmacs) {
        Map<String, TrackerDef> byName = new LinkedHashMap<>();
        trackers.forEach(t -> byName.put(t.name(), t));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(NAME, instance.name());
        if (!instance.interfaceName().isEmpty()) { // none: unicast through the routing table
            p.put(INTERFACE_NAME, instance.interfaceName());
        }
        instance.vrf().ifPresent(v -> p.put(VRF, v));
        p.put(VIRTUAL_ROUTER_ID, instance.virtualRouterId());
        p.put(VERSION, instance.version());
        p.put(PRIORITY, instance.priority());
        p.put(ADVERT_INTERVAL_CENTIS, instance.advertIntervalCentis());
        p.put(INITIAL_STATE, instance.initialState().name());
        p.put(PREEMPT, instance.preempt());
        p.put(PREEMPT_DELAY_CENTIS, instance.preemptDelayCentis());
        instance.authentication().ifPresent(a -> p.put(AUTH_PASS, a.password()));
        p.put(VIRTUAL_IP_ADDRESSES, instance.virtualIpAddresses().stream()
                .map(v -> v.normalized(instance.vipDevice())).toArray(String[]::new));
        p.put(MULTICAST_GROUP, instance.multicastGroup());
        instance.sourceAddress().ifPresent(a -> p.put(SOURCE_ADDRESS, a));
        p.put(UNICAST_PEERS, instance.unicastPeers().toArray(String[]::new));
        p.put(GARP_MASTER_DELAY_SECONDS, instance.garpMasterDelaySeconds());
        p.put(GARP_MASTER_REPEAT, instance.garpMasterRepeat());
        p.put(GARP_MASTER_REFRESH_SECONDS, instance.garpMasterRefreshSeconds());
        p.put(GARP_MASTER_REFRESH_REPEAT, instance.garpMasterRefreshRepeat());
        protocolProperties(instance.protocol(), p);
        globals.routerId().ifPresent(r -> p.put(ROUTER_ID, r));
        p.put(TRACKERS, instance.tracked().stream().map(ref -> resolved(ref, byName.get(ref.name())))
                .toArray(String[]::new));
        p.put(TRACK_INTERFACES, instance.trackInterfaces().stream().map(TrackRef::contractText).toArray(String[]::new));
        instance.vmacInterface().ifPresent(vmac -> {
            p.put(VMAC_INTERFACE, vmac);
            p.put(VMAC_TRANSMIT_BASE, instance.vmacTransmitBase());
            instance.vmacAddress().ifPresent(mac -> p.put(VMAC_ADDRESS, mac));
            instance.vmacGroup().ifPresent(group -> p.put(VMAC_GROUP, group));
        });
        if (!instance.extraVmacs().isEmpty()) {
            p.put(EXTRA_VMACS, instance.extraVmacs().stream().map(v -> v.contractText()).toArray(String[]::new));
        }
        instance.ipvlan().ifPresent(ipvlan -> {
            p.put(IPVLAN_INTERFACE, ipvlan.interfaceName());
            p.put(IPVLAN_MODE, ipvlan.mode());
            ipvlan.address().ifPresent(a -> p.put(IPVLAN_ADDRESS, a));
            p.put(VMAC_TRANSMIT_BASE, instance.vmacTransmitBase());
            ipvlan.group().ifPresent(group -> p.put(VMAC_GROUP, group));
        });
        // written only when set, so instances without them keep their exact properties
        if (!instance.trackInterface()) {
            p.put(TRACK_INTERFACE, false);
        }
        if (instance.trackSourceAddress()) {
            p.put(TRACK_SOURCE_ADDRESS, true);
        }
        if (instance.faultWithoutUnicastPeers()) {
            p.put(FAULT_WITHOUT_UNICAST_PEERS, true);
        }
        if (instance.v3ChecksumAsV2()) {
            p.put(V3_CHECKSUM_AS_V2, true);
        }
        if (!instance.oldUnicastChecksum().equals("detect")) {
            p.put(OLD_UNICAST_CHECKSUM, instance.oldUnicastChecksum());
        }
        if (instance.notifyPriorityChanges()) {
            p.put(NOTIFY_PRIORITY_CHANGES, true);
        }
        List<String> garpExtra = GarpExtraInterfaces.of(instance, vmacs);
        if (instance.garpExtraSeconds() > 0 && !garpExtra.isEmpty()) {
            p.put(GARP_EXTRA_INTERFACE_SECONDS, instance.garpExtraSeconds());
            p.put(GARP_EXTRA_INTERFACES, garpExtra.toArray(String[]::new));
        }
        if (instance.timerExpiredBackupPriority() > 0) {
            p.put(TIMER_EXPIRED_BACKUP_PRIORITY, instance.timerExpiredBackupPriority());
        }
        putExtras(p, EXCLUDED_IP_ADDRESSES, instance, "virtual_ipaddress_excluded");
        putExtras(p, VIRTUAL_ROUTES, instance, "virtual_routes");
        putExtras(p, UNICAST_PEER_TTLS, instance, "unicast_peer_ttl");
        putExtras(p, VIRTUAL_RULES, instance, "virtual_rules");
        if (instance.noAccept()) {
            p.put(NO_ACCEPT, true); // absent = accept mode
        }
        kernelProperties(instance.kernel(), p);
        p.put(ORIGIN, instance.location().toString());
        return p;
    }

    /** Written only when the block has lines, so instances without them keep their exact properties. */
    private static void putExtras(Map<String, Object> p, String property, VrrpInstanceDef instance, String block) {
        String[] lines = instance.extras().stream().filter(e -> e.block().equals(block)).map(e -> e.text())
                .toArray(String[]::new);
        if (lines.length > 0) {
            p.put(property, lines);
        }
    }

    /** Each written only when set, so instances without them keep their exact properties. */
    private static void kernelProperties(KernelSettings k, Map<String, Object> p) {
        if (k.unicastTtl() != KernelSettings.DEFAULT_TTL) {
            p.put(UNICAST_TTL, k.unicastTtl());
        }
        if (k.receiveBufferBytes() != 0) {
            p.put(RECEIVE_BUFFER_BYTES, k.receiveBufferBytes());
        }
        if (k.promoteSecondaries()) {
            p.put(PROMOTE_SECONDARIES, true);
        }
    }

    /** keepalived's protocol switches, resolved: the vrrp bundle needs no global_defs. */
    private static void protocolProperties(ProtocolOptions o, Map<String, Object> p) {
        p.put(SKIP_CHECK_ADVERT_ADDRESSES, o.skipCheckAdvertAddresses());
        p.put(CHECK_UNICAST_SOURCE, o.checkUnicastSource());
        p.put(OWNER_IGNORES_ADVERTS, o.ownerIgnoresAdverts());
        p.put(LOWER_PRIORITY_NO_ADVERT, o.lowerPriorityNoAdvert());
        p.put(HIGHER_PRIORITY_SEND_ADVERT, o.higherPrioritySendAdvert());
        p.put(GARP_LOWER_PRIORITY_DELAY_SECONDS, o.garpLowerPriorityDelaySeconds());
        p.put(GARP_LOWER_PRIORITY_REPEAT, o.garpLowerPriorityRepeat());
        p.put(DOWN_TIMER_ADVERTS, o.downTimerAdverts());
        p.put(GARP_INTERVAL_MICROS, o.garpIntervalMicros());
        p.put(GNA_INTERVAL_MICROS, o.gnaIntervalMicros());
    }

    static boolean sameProperties(Map<String, Object> current, Map<String, Object> wanted) {
        Map<String, Object> relevant = new LinkedHashMap<>(current);
        relevant.keySet().removeAll(IGNORED_IN_COMPARISON);
        Map<String, Object> compared = new LinkedHashMap<>(wanted);
        compared.keySet().removeAll(IGNORED_IN_COMPARISON);
        wanted = compared;
        if (!relevant.keySet().equals(wanted.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            Object have = relevant.get(entry.getKey());
            Object want = entry.getValue();
            boolean equal = want instanceof Object[] wantArray && have instanceof Object[] haveArray
                    ? Arrays.equals(wantArray, haveArray)
                    : Objects.equals(have, want);
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    private static String instanceName(ConfigurationStore.StoredConfiguration stored) {
        String prefix = INSTANCE_FACTORY_PID + "~";
        if (stored.pid().startsWith(prefix)) {
            return stored.pid().substring(prefix.length());
        }
        Map<String, Object> properties = stored.properties();
        Object name = properties == null ? null : properties.get(NAME);
        return name == null ? stored.pid() : name.toString();
    }
}
