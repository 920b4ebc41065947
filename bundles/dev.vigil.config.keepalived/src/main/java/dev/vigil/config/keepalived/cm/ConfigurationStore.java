package dev.vigil.config.keepalived.cm;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The few ConfigurationAdmin operations the mapper needs, so it can be tested without a
 * framework. {@link ConfigurationAdminStore} is the real one.
 */
public interface ConfigurationStore {

    /** The named factory configuration ({@code getFactoryConfiguration(factoryPid, name, "?")}), created if absent. */
    StoredConfiguration factoryConfiguration(String factoryPid, String name) throws IOException;

    /** Every configuration whose {@code service.factoryPid} is {@code factoryPid}. */
    List<StoredConfiguration> factoryConfigurations(String factoryPid) throws IOException;

    /** Every configuration (with properties) ConfigurationAdmin holds. */
    List<StoredConfiguration> allConfigurations() throws IOException;

    interface StoredConfiguration {

        String pid();

        /** The current properties, or {@code null} for a configuration that was never updated. */
        Map<String, Object> properties();

        void update(Map<String, Object> properties) throws IOException;

        void delete() throws IOException;
    }
}
