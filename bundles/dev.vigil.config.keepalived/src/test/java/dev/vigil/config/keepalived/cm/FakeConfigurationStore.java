package dev.vigil.config.keepalived.cm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory ConfigurationAdmin with its observable habits: a new factory configuration has no
 * properties until its first update, listing returns only configurations that have properties,
 * and stored properties come back with {@code service.pid} and {@code service.factoryPid} added.
 */
final class FakeConfigurationStore implements ConfigurationStore {

    final Map<String, Fake> configurations = new LinkedHashMap<>();
    final List<String> updates = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();
    /** Every update and delete in order ({@code update PID}, {@code delete PID}); tests may add their own. */
    final List<String> events = new ArrayList<>();

    @Override
    public StoredConfiguration factoryConfiguration(String factoryPid, String name) {
        return configurations.computeIfAbsent(factoryPid + "~" + name, pid -> new Fake(pid, factoryPid));
    }

    @Override
    public List<StoredConfiguration> factoryConfigurations(String factoryPid) {
        return configurations.values().stream()
                .filter(c -> c.factoryPid.equals(factoryPid) && c.properties != null)
                .<StoredConfiguration>map(c -> c)
                .toList();
    }

    @Override
    public List<StoredConfiguration> allConfigurations() {
        return configurations.values().stream().filter(c -> c.properties != null)
                .<StoredConfiguration>map(c -> c).toList();
    }

    /** Properties as the consumer of the configuration would see them, without ConfigAdmin's own keys. */
    Map<String, Object> propertiesOf(String pid) {
        Map<String, Object> copy = new LinkedHashMap<>(configurations.get(pid).properties);
        copy.remove("service.pid");
        copy.remove("service.factoryPid");
        return copy;
    }

    final class Fake implements StoredConfiguration {
        final String pid;
        final String factoryPid;
        Map<String, Object> properties;
        boolean deleted;

        /** Felix's ConfigurationAdapter answers nothing once deleted; neither does this. */
        private void checkDeleted() {
            if (deleted) {
                throw new IllegalStateException("Configuration " + pid + " deleted");
            }
        }

        Fake(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        @Override
        public String pid() {
            checkDeleted();
            return pid;
        }

        @Override
        public Map<String, Object> properties() {
            checkDeleted();
            return properties == null ? null : new LinkedHashMap<>(properties);
        }

        @Override
        public void update(Map<String, Object> newProperties) {
            properties = new LinkedHashMap<>(newProperties);
            properties.put("service.pid", pid);
            properties.put("service.factoryPid", factoryPid);
            updates.add(pid);
            events.add("update " + pid);
        }

        @Override
        public void delete() {
            checkDeleted();
            deleted = true;
            configurations.remove(pid);
            deletes.add(pid);
            events.add("delete " + pid);
        }
    }
}
