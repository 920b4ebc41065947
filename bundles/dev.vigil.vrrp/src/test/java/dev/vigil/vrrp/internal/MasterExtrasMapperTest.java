package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.testing.osgi.TypedConfigs;
import dev.vigil.vrrp.engine.MasterExtras;

class MasterExtrasMapperTest {

    private static InstanceConfig config(Map<String, Object> extra) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(Map.of("name", "VI_1", "interfaceName", "eth0",
                "virtualRouterId", 51));
        p.putAll(extra);
        return TypedConfigs.of(InstanceConfig.class, p);
    }

    @Test
    void excludedAddressesDefaultToTheInstanceInterfaceRoutesAndRulesReadTheNormalisedText() throws Exception {
        MasterExtras extras = MasterExtrasMapper.toExtras(config(Map.of(
                "excludedIpAddresses", new String[] {"203.0.113.50/24", "2001:db8::50/64 dev eth1"},
                "virtualRoutes", new String[] {"198.51.100.128/25 via 203.0.113.1 table 10"},
                "virtualRules", new String[] {"from 203.0.113.0/24 priority 100 table 10"})));

        assertThat(extras.excludedAddresses()).containsExactly(
                new VirtualAddress(InetAddress.getByName("203.0.113.50"), 24, "eth0", null),
                new VirtualAddress(InetAddress.getByName("2001:db8::50"), 64, "eth1", null));
        assertThat(extras.routes()).containsExactly(VirtualRoute.parse("198.51.100.128/25 via 203.0.113.1 table 10"));
        assertThat(extras.rules()).containsExactly(VirtualRule.parse("from 203.0.113.0/24 priority 100 table 10"));
        assertThat(MasterExtrasMapper.toExtras(config(Map.of())).isEmpty()).isTrue();
    }

    @Test
    void aBadEntryNamesItsProperty() {
        assertThatThrownBy(() -> MasterExtrasMapper.toExtras(config(Map.of("virtualRules",
                new String[] {"from 203.0.113.0/24 table 10"}))))
                .hasMessageStartingWith("virtualRules 'from 203.0.113.0/24 table 10': a rule needs a priority");
    }

    @Test
    void addressOptionsAreReadFromTheVipText() throws Exception {
        VirtualAddress vip = SettingsMapper.parseVip("203.0.113.7/24 dev eth1 label eth1:a brd 203.0.113.255 scope link "
                + "noprefixroute preferred_lft 0", "eth0");
        assertThat(vip.options().broadcast()).isEqualTo(InetAddress.getByName("203.0.113.255"));
        assertThat(vip.options().scope()).isEqualTo(253);
        assertThat(vip.options().flags()).containsExactly(dev.vigil.api.dataplane.AddressOptions.Flag.NOPREFIXROUTE);
        assertThat(vip.options().preferredLifetimeSeconds()).isZero();
        assertThat(vip.toString()).isEqualTo("203.0.113.7/24 dev eth1 label eth1:a brd 203.0.113.255 scope link "
                + "noprefixroute preferred_lft 0");
        assertThatThrownBy(() -> SettingsMapper.parseVip("203.0.113.7/24 frobnicate", "eth0"))
                .hasMessage("virtual address '203.0.113.7/24 frobnicate': unknown address option 'frobnicate'");
    }

    @Test
    void aPeerIsReadFromTheVipText() throws Exception {
        VirtualAddress vip = SettingsMapper.parseVip("203.0.113.7/32 dev eth1 peer 203.0.113.8", "eth0");
        assertThat(vip.options().peer()).isEqualTo(InetAddress.getByName("203.0.113.8"));
        assertThat(vip.prefixLength()).isEqualTo(32);
        assertThat(vip.toString()).isEqualTo("203.0.113.7/32 dev eth1 peer 203.0.113.8");
        assertThatThrownBy(() -> SettingsMapper.parseVip("203.0.113.7/32 peer 2001:db8::8", "eth0"))
                .hasMessage("virtual address '203.0.113.7/32 peer 2001:db8::8': peer 2001:db8:0:0:0:0:0:8 is not of "
                        + "the family of 203.0.113.7");
    }
}
