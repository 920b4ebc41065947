package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.testing.osgi.TypedConfigs;

/** unicastTtl, receiveBufferBytes and the VRF of an instance without interface reach the transport through the channel spec. */
class ChannelSpecMappingTest {

    private static ChannelSpec spec(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "VI_1", "interfaceName", "eth0", "virtualRouterId", 51,
                "unicastPeers", new String[] {"198.51.100.2"}, "sourceAddress", "198.51.100.1",
                "multicastGroup", "224.0.0.18"));
        p.putAll(extra);
        return VrrpInstanceComponent.channelSpec(TypedConfigs.of(InstanceConfig.class, p));
    }

    @Test
    void withoutThePropertiesAdvertsCarryTtl255AndTheKernelsBuffer() throws Exception {
        ChannelSpec spec = spec(Map.of());

        assertThat(spec.unicastPeers()).containsExactly(InetAddress.getByName("198.51.100.2"));
        assertThat(spec.unicastTtl()).isEqualTo(ChannelSpec.DEFAULT_TTL);
        assertThat(spec.receiveBufferBytes()).isZero();
    }

    @Test
    void thePropertiesAreTheSpecsTtlAndBuffer() {
        ChannelSpec spec = spec(Map.of("unicastTtl", 64, "receiveBufferBytes", 262144));

        assertThat(spec.unicastTtl()).isEqualTo(64);
        assertThat(spec.receiveBufferBytes()).isEqualTo(262144);
    }

    @Test
    void aVmacSourceKeepsTheKnobs() throws Exception {
        ChannelSpec spec = spec(Map.of("unicastTtl", 64, "receiveBufferBytes", 262144))
                .withSourceAddress(InetAddress.getByName("198.51.100.1"));

        assertThat(List.of(spec.unicastTtl(), spec.receiveBufferBytes())).containsExactly(64, 262144);
        assertThat(spec.sourceAddress()).isEqualTo(InetAddress.getByName("198.51.100.1"));
    }

    @Test
    void withoutAnInterfaceTheChannelFollowsTheRoutingTableOfItsVrf() throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("name", "VI_1", "virtualRouterId", 51,
                "unicastPeers", new String[] {"203.0.113.2"}, "sourceAddress", "203.0.113.1",
                "multicastGroup", "224.0.0.18", "vrf", "vrf-blue"));
        ChannelSpec spec = VrrpInstanceComponent.channelSpec(TypedConfigs.of(InstanceConfig.class, p));

        assertThat(spec.hasInterface()).isFalse();
        assertThat(spec.boundDevice()).contains("vrf-blue");
        assertThat(spec.sourceAddress()).isEqualTo(InetAddress.getByName("203.0.113.1"));
    }

    @Test
    void aVrfBesideAnInterfaceIsNotUsed() {
        ChannelSpec spec = spec(Map.of("vrf", "vrf-blue"));

        assertThat(spec.boundDevice()).contains("eth0");
        assertThat(spec.vrfName()).isEmpty();
    }
}
