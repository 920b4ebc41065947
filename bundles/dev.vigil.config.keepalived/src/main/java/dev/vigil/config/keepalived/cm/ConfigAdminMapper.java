package dev.vigil.config.keepalived.cm;

import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackerDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the model into ConfigAdmin factory configurations, one {@code vigil.instance~NAME} per
 * {@code vrrp_instance} and one {@code vigil.tracker.KIND~NAME} per tracker: the contracts with the
 * VRRP and tracker bundles (docs/CONTRACTS.md). A configuration is updated only when
 * its properties change, so an unchanged instance is never restarted or reconfigured, and the
 * instances that left the file are deleted.
 */
public final class ConfigAdminMapper {

    public static final String INSTANCE_FACTORY_PID = "vigil.instance";

    public static final String NAME = "name";
    public static final String INTERFACE_NAME = "interfaceName";
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
    public static final String ROUTER_ID = "routerId";
    public static final String ORIGIN = "vigil.config.origin";
    public static final String TRACKERS = "trackers";
    public static final String TRACK_INTERFACES = "trackInterfaces";
    public static final String TRACKER_FACTORY_PID_PREFIX = "vigil.tracker.";
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

    public ConfigAdminMapper(ConfigurationStore store) {
        this.store = store;
    }

    /**
     * What one {@link #apply} did. Instance lists hold instance names; tracker lists hold PIDs
     * ({@code vigil.tracker.script~chk_nginx}); {@code overridden} the PIDs a FileInstall
     * {@code .cfg} owns, which keepalived.conf never touches.
     */
    public record ApplyResult(List<String> created, List<String> updated, List<String> unchanged,
                              List<String> deleted, List<String> trackersCreated, List<String> trackersUpdated,
                              List<String> trackersUnchanged, List<String> trackersDeleted, List<String> overridden) {
        public ApplyResult {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
            trackersCreated = List.copyOf(trackersCreated);
            trackersUpdated = List.copyOf(trackersUpdated);
            trackersUnchanged = List.copyOf(trackersUnchanged);
            trackersDeleted = List.copyOf(trackersDeleted);
            overridden = List.copyOf(overridden);
        }

        @Override
        public String toString() {
            String text = created.size() + " created, " + updated.size() + " updated, " + unchanged.size()
                    + " unchanged, " + deleted.size() + " deleted";
            int trackers = trackersCreated.size() + trackersUpdated.size() + trackersUnchanged.size()
                    + trackersDeleted.size();
            if (trackers > 0) {
                text += "; trackers: " + trackersCreated.size() + " created, " + trackersUpdated.size() + " updated, "
                        + trackersUnchanged.size() + " unchanged, " + trackersDeleted.size() + " deleted";
            }
            if (!overridden.isEmpty()) {
                text += "; overridden by FileInstall: " + String.join(", ", overridden);
            }
            return text;
        }
    }

    /**
     * Makes the configurations match {@code config}. Call it only for a valid configuration.
     * Order matters to the running routers: instances that left the file are deleted first (a
     * VRID moved to a new instance is free before it starts), trackers are written before the
     * instances that follow them, and trackers that left the file are deleted last.
     */
    public ApplyResult apply(KeepalivedConfig config) throws IOException {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> trackersCreated = new ArrayList<>();
        List<String> trackersUpdated = new ArrayList<>();
        List<String> trackersUnchanged = new ArrayList<>();
        List<String> trackersDeleted = new ArrayList<>();
        List<String> overridden = new ArrayList<>();

        Set<String> wantedPids = new HashSet<>();
        config.instances().forEach(i -> wantedPids.add(INSTANCE_FACTORY_PID + "~" + i.name()));
        config.trackers().forEach(t -> wantedPids.add(t.factoryPid() + "~" + t.name()));
        // what a stale configuration is, read before any delete: a deleted Configuration answers nothing
        record Stale(ConfigurationStore.StoredConfiguration stored, boolean instance, String label) {
        }
        List<Stale> stale = new ArrayList<>();
        for (ConfigurationStore.StoredConfiguration stored : store.allConfigurations()) {
            String factoryPid = factoryPid(stored);
            boolean ours = factoryPid != null && (factoryPid.equals(INSTANCE_FACTORY_PID)
                    || factoryPid.startsWith(TRACKER_FACTORY_PID_PREFIX));
            if (ours && !wantedPids.contains(stored.pid()) && !fromFileInstall(stored.properties())) {
                boolean instance = factoryPid.equals(INSTANCE_FACTORY_PID);
                stale.add(new Stale(stored, instance, instance ? instanceName(stored) : stored.pid()));
            }
        }
        for (Stale gone : stale) {
            if (gone.instance()) {
                gone.stored().delete();
                deleted.add(gone.label());
            }
        }
        for (TrackerDef tracker : config.trackers()) {
            Map<String, Object> wanted = trackerProperties(tracker);
            sync(store.factoryConfiguration(tracker.factoryPid(), tracker.name()), wanted,
                    tracker.factoryPid() + "~" + tracker.name(), trackersCreated, trackersUpdated, trackersUnchanged,
                    overridden);
        }
        for (VrrpInstanceDef instance : config.instances()) {
            Map<String, Object> wanted = instanceProperties(instance, config.globalDefs(), config.trackers());
            List<String> overriddenHere = new ArrayList<>();
            sync(store.factoryConfiguration(INSTANCE_FACTORY_PID, instance.name()), wanted, instance.name(),
                    created, updated, unchanged, overriddenHere);
            overriddenHere.forEach(name -> overridden.add(INSTANCE_FACTORY_PID + "~" + name));
        }
        for (Stale gone : stale) {
            if (!gone.instance()) {
                gone.stored().delete();
                trackersDeleted.add(gone.label());
            }
        }
        return new ApplyResult(created, updated, unchanged, deleted, trackersCreated, trackersUpdated,
                trackersUnchanged, trackersDeleted, overridden);
    }

    private static void sync(ConfigurationStore.StoredConfiguration stored, Map<String, Object> wanted, String label,
                             List<String> created, List<String> updated, List<String> unchanged,
                             List<String> overridden) throws IOException {
        Map<String, Object> current = stored.properties();
        if (current == null) {
            stored.update(wanted);
            created.add(label);
        } else if (fromFileInstall(current)) {
            overridden.add(label);
        } else if (!sameProperties(current, wanted)) {
            stored.update(wanted);
            updated.add(label);
        } else {
            unchanged.add(label);
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
        Map<String, TrackerDef> byName = new LinkedHashMap<>();
        trackers.forEach(t -> byName.put(t.name(), t));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(NAME, instance.name());
        p.put(INTERFACE_NAME, instance.interfaceName());
        p.put(VIRTUAL_ROUTER_ID, instance.virtualRouterId());
        p.put(VERSION, instance.version());
        p.put(PRIORITY, instance.priority());
        p.put(ADVERT_INTERVAL_CENTIS, instance.advertIntervalCentis());
        p.put(INITIAL_STATE, instance.initialState().name());
        p.put(PREEMPT, instance.preempt());
        p.put(PREEMPT_DELAY_CENTIS, instance.preemptDelayCentis());
        instance.authentication().ifPresent(a -> p.put(AUTH_PASS, a.password()));
        p.put(VIRTUAL_IP_ADDRESSES, instance.virtualIpAddresses().stream()
                .map(v -> v.normalized(instance.interfaceName())).toArray(String[]::new));
        p.put(MULTICAST_GROUP, instance.multicastGroup());
        instance.sourceAddress().ifPresent(a -> p.put(SOURCE_ADDRESS, a));
        p.put(UNICAST_PEERS, instance.unicastPeers().toArray(String[]::new));
        p.put(GARP_MASTER_DELAY_SECONDS, instance.garpMasterDelaySeconds());
        p.put(GARP_MASTER_REPEAT, instance.garpMasterRepeat());
        p.put(GARP_MASTER_REFRESH_SECONDS, instance.garpMasterRefreshSeconds());
        p.put(GARP_MASTER_REFRESH_REPEAT, instance.garpMasterRefreshRepeat());
        globals.routerId().ifPresent(r -> p.put(ROUTER_ID, r));
        p.put(TRACKERS, instance.tracked().stream().map(ref -> resolved(ref, byName.get(ref.name())))
                .toArray(String[]::new));
        p.put(TRACK_INTERFACES, instance.trackInterfaces().stream().map(TrackRef::contractText).toArray(String[]::new));
        p.put(ORIGIN, instance.location().toString());
        return p;
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
