package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.vrrp.engine.ProtocolOptions;

/** The typed {@code vigil.instance} configuration → engine settings, for keepalived's protocol switches. */
class SettingsMapperTest {

    /** An InstanceConfig as DS makes it: the given properties, else the annotation's defaults. */
    private static InstanceConfig config(Map<String, Object> properties) {
        return (InstanceConfig) Proxy.newProxyInstance(InstanceConfig.class.getClassLoader(),
                new Class<?>[] {InstanceConfig.class}, (proxy, method, args) -> properties.containsKey(method.getName())
                        ? properties.get(method.getName()) : method.getDefaultValue());
    }

    private static final Map<String, Object> BASE = Map.of("name", "VI_1", "interfaceName", "eth0",
            "virtualRouterId", 51, "virtualIpAddresses", new String[] {"198.51.100.100/24"});

    @Test
    void absentSwitchesAreKeepalivedsDefaults() {
        assertThat(SettingsMapper.toSettings(config(BASE)).options()).isEqualTo(ProtocolOptions.KEEPALIVED_DEFAULTS);
    }

    @Test
    void everySwitchReachesTheEngine() {
        Map<String, Object> p = new java.util.HashMap<>(BASE);
        p.putAll(Map.of("skipCheckAdvertAddresses", true, "checkUnicastSource", true, "ownerIgnoresAdverts", true,
                "lowerPriorityNoAdvert", true, "higherPrioritySendAdvert", true, "garpLowerPriorityDelaySeconds", 2,
                "garpLowerPriorityRepeat", 3, "downTimerAdverts", 4, "garpIntervalMicros", 5000,
                "gnaIntervalMicros", 6000));

        assertThat(SettingsMapper.toSettings(config(p)).options())
                .isEqualTo(new ProtocolOptions(true, true, true, true, true, 2, 3, 4, 5000, 6000));
    }
}
