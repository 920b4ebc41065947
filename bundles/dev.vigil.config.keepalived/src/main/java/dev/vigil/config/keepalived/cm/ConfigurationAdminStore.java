package dev.vigil.config.keepalived.cm;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@link ConfigurationStore} over the OSGi ConfigurationAdmin service. */
public final class ConfigurationAdminStore implements ConfigurationStore {

    private final ConfigurationAdmin configurationAdmin;

    public ConfigurationAdminStore(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public StoredConfiguration factoryConfiguration(String factoryPid, String name) throws IOException {
        // "?" binds the configuration to no particular bundle location: any bundle may consume it.
        return new Stored(configurationAdmin.getFactoryConfiguration(factoryPid, name, "?"));
    }

    @Override
    public List<StoredConfiguration> factoryConfigurations(String factoryPid) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + factoryPid + ")");
            return found == null ? List.of() : Stream.of(found).<StoredConfiguration>map(Stored::new).toList();
        } catch (InvalidSyntaxException e) {
            throw new IOException("invalid factory PID " + factoryPid, e);
        }
    }

    @Override
    public List<StoredConfiguration> allConfigurations() throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(null);
            return found == null ? List.of() : Stream.of(found).<StoredConfiguration>map(Stored::new).toList();
        } catch (InvalidSyntaxException e) {
            throw new IOException(e);
        }
    }

    private record Stored(Configuration configuration) implements StoredConfiguration {

        @Override
        public String pid() {
            return configuration.getPid();
        }

        @Override
        public Map<String, Object> properties() {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                return null;
            }
            Map<String, Object> copy = new HashMap<>();
            for (String key : Collections.list(properties.keys())) {
                copy.put(key, properties.get(key));
            }
            return copy;
        }

        @Override
        public void update(Map<String, Object> properties) throws IOException {
            configuration.update(new Hashtable<>(properties));
        }

        @Override
        public void delete() throws IOException {
            configuration.delete();
        }
    }
}
