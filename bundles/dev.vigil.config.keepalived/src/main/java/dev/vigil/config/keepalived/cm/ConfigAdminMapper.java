package dev.vigil.config.keepalived.cm;

import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
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
 * {@code vrrp_instance}: the contract with the VRRP bundle. A configuration is updated only when
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

    /** Properties ConfigurationAdmin adds itself; they never count as a change. */
    private static final Set<String> ADMIN_PROPERTIES = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation");

    private final ConfigurationStore store;

    public ConfigAdminMapper(ConfigurationStore store) {
        this.store = store;
    }

    /** What one {@link #apply} did, by instance name. */
    public record ApplyResult(List<String> created, List<String> updated, List<String> unchanged,
                              List<String> deleted) {
        public ApplyResult {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }

        @Override
        public String toString() {
            return created.size() + " created, " + updated.size() + " updated, " + unchanged.size()
                    + " unchanged, " + deleted.size() + " deleted";
        }
    }

    /** Makes the instance configurations match {@code config}. Call it only for a valid configuration. */
    public ApplyResult apply(KeepalivedConfig config) throws IOException {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (VrrpInstanceDef instance : config.instances()) {
            names.add(instance.name());
            Map<String, Object> wanted = instanceProperties(instance, config.globalDefs());
            ConfigurationStore.StoredConfiguration stored =
                    store.factoryConfiguration(INSTANCE_FACTORY_PID, instance.name());
            Map<String, Object> current = stored.properties();
            if (current == null) {
                stored.update(wanted);
                created.add(instance.name());
            } else if (!sameProperties(current, wanted)) {
                stored.update(wanted);
                updated.add(instance.name());
            } else {
                unchanged.add(instance.name());
            }
        }
        for (ConfigurationStore.StoredConfiguration stored : store.factoryConfigurations(INSTANCE_FACTORY_PID)) {
            String name = instanceName(stored);
            if (!names.contains(name)) {
                stored.delete();
                deleted.add(name);
            }
        }
        return new ApplyResult(created, updated, unchanged, deleted);
    }

    /** The exact properties of one instance's {@code vigil.instance~NAME} configuration. */
    public static Map<String, Object> instanceProperties(VrrpInstanceDef instance, GlobalDefs globals) {
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
        p.put(MULTICAST_GROUP, switch (instance.family()) {
            case IPV4 -> globals.vrrpMcastGroup4();
            case IPV6 -> instance.family().defaultMulticastGroup();
        });
        instance.sourceAddress().ifPresent(a -> p.put(SOURCE_ADDRESS, a));
        p.put(UNICAST_PEERS, instance.unicastPeers().toArray(String[]::new));
        p.put(GARP_MASTER_DELAY_SECONDS, instance.garpMasterDelaySeconds());
        p.put(GARP_MASTER_REPEAT, instance.garpMasterRepeat());
        p.put(GARP_MASTER_REFRESH_SECONDS, instance.garpMasterRefreshSeconds());
        p.put(GARP_MASTER_REFRESH_REPEAT, instance.garpMasterRefreshRepeat());
        globals.routerId().ifPresent(r -> p.put(ROUTER_ID, r));
        p.put(ORIGIN, instance.location().toString());
        return p;
    }

    static boolean sameProperties(Map<String, Object> current, Map<String, Object> wanted) {
        Map<String, Object> relevant = new LinkedHashMap<>(current);
        relevant.keySet().removeAll(ADMIN_PROPERTIES);
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
