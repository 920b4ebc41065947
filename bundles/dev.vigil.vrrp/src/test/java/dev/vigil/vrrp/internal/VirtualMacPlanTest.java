package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualMac;

/** use_vmac and vmac_xmit_base, from the {@code vigil.instance} properties to where things go. */
class VirtualMacPlanTest {

    private static InstanceConfig config(Map<String, Object> properties) {
        return (InstanceConfig) Proxy.newProxyInstance(InstanceConfig.class.getClassLoader(),
                new Class<?>[] {InstanceConfig.class}, (proxy, method, args) -> properties.containsKey(method.getName())
                        ? properties.get(method.getName()) : method.getDefaultValue());
    }

    private static Map<String, Object> base(Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "VI_1", "interfaceName", "eth0", "virtualRouterId", 51,
                "virtualIpAddresses", new String[] {"198.51.100.100/24", "203.0.113.7/32 dev eth1"}));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void withoutAVmacEverythingStaysOnTheInstanceInterface() {
        InstanceConfig c = config(base());
        assertThat(VirtualMacPlan.of(c)).isEqualTo(VirtualMacPlan.NONE);
        assertThat(SettingsMapper.toSettings(c).virtualAddresses()).extracting(v -> v.device())
                .containsExactly("eth0", "eth1");
        assertThat(channelInterface(c)).isEqualTo("eth0");
    }

    @Test
    void vipsWithoutADeviceAndAdvertsGoOnTheVmac() {
        InstanceConfig c = config(base("vmacInterface", "vrrp.51"));
        VirtualMacPlan plan = VirtualMacPlan.of(c);

        assertThat(plan.vmac()).contains(new VirtualMac("vrrp.51", "eth0", 51, false));
        assertThat(SettingsMapper.toSettings(c).virtualAddresses()).extracting(v -> v.device())
                .containsExactly("vrrp.51", "eth1");
        assertThat(MasterExtrasMapper.toExtras(config(base("vmacInterface", "vrrp.51", "excludedIpAddresses",
                new String[] {"203.0.113.9/32"}))).excludedAddresses()).extracting(v -> v.device())
                .containsExactly("vrrp.51");
        assertThat(channelInterface(c)).isEqualTo("vrrp.51");
        assertThat(plan.sendsOnVmac()).isTrue();
    }

    @Test
    void vmacTransmitBaseKeepsAdvertsOnTheBaseInterface() {
        InstanceConfig c = config(base("vmacInterface", "vg1", "vmacTransmitBase", true));
        assertThat(VirtualMacPlan.of(c).sendsOnVmac()).isFalse();
        assertThat(channelInterface(c)).isEqualTo("eth0");
        assertThat(SettingsMapper.toSettings(c).virtualAddresses().get(0).device()).isEqualTo("vg1");
    }

    @Test
    void anIpv6InstanceGetsTheIpv6VirtualMac() {
        InstanceConfig c = config(base("vmacInterface", "vrrp.51", "version", 3,
                "virtualIpAddresses", new String[] {"2001:db8::51/64"}, "multicastGroup", "ff02::12"));
        assertThat(VirtualMacPlan.of(c).vmac().get().macText()).isEqualTo("00:00:5e:00:02:33");
    }

    @Test
    void aVmacGroupIsTheVmacsLinkGroupOtherwiseItsParents() {
        assertThat(VirtualMacPlan.of(config(base("vmacInterface", "vrrp.51", "vmacGroup", 7))).vmac().get().group())
                .isEqualTo(7);
        assertThat(VirtualMacPlan.of(config(base("vmacInterface", "vrrp.51"))).vmac().get().group()).isNull();
    }

    @Test
    void aGivenVmacAddressIsTheMacvlansMac() {
        InstanceConfig c = config(base("vmacInterface", "vrrp.51", "vmacAddress", "02:00:5e:00:aa:33"));
        assertThat(VirtualMacPlan.of(c).vmac().get().macText()).isEqualTo("02:00:5e:00:aa:33");
    }

    @Test
    void anIpvlanTakesTheVipsAndAdvertsWithItsModeAndAddress() throws Exception {
        InstanceConfig c = config(base("ipvlanInterface", "vgipvl", "ipvlanMode", "private",
                "ipvlanAddress", "198.51.100.11/24", "vmacInterface", "ignored.1"));
        VirtualMacPlan plan = VirtualMacPlan.of(c);

        assertThat(plan.vmac()).contains(new VirtualMac("vgipvl", "eth0", 51, false, new VirtualMac.Ipvlan(
                VirtualMac.IpvlanMode.PRIVATE, InetAddress.getByName("198.51.100.11"), 24)));
        assertThat(plan.vmac().get().kind()).isEqualTo(VirtualMac.Kind.IPVLAN);
        assertThat(SettingsMapper.toSettings(c).virtualAddresses()).extracting(v -> v.device())
                .containsExactly("vgipvl", "eth1");
        assertThat(channelInterface(c)).isEqualTo("vgipvl");
    }

    @Test
    void anIpvlanIsABridgeWithAHostAddressByDefaultAndAnIpv6OneMayHaveNoAddress() throws Exception {
        assertThat(VirtualMacPlan.of(config(base("ipvlanInterface", "vrrp.51", "ipvlanAddress", "198.51.100.11")))
                .vmac().get().ipvlan()).isEqualTo(new VirtualMac.Ipvlan(VirtualMac.IpvlanMode.BRIDGE,
                        InetAddress.getByName("198.51.100.11"), 32));
        InstanceConfig v6 = config(base("ipvlanInterface", "vrrp.51", "ipvlanMode", "vepa", "version", 3,
                "virtualIpAddresses", new String[] {"2001:db8::51/64"}, "multicastGroup", "ff02::12"));
        assertThat(VirtualMacPlan.of(v6).vmac().get().ipvlan())
                .isEqualTo(new VirtualMac.Ipvlan(VirtualMac.IpvlanMode.VEPA, null, 0));
    }

    @Test
    void extraVmacsAreMacvlansOnTheirParentsWithTheirFamilysMacAndCarryNoAdverts() {
        InstanceConfig c = config(base("extraVmacs", new String[] {"vrrp.51 eth1", "vrrp6.51 eth2 ipv6"},
                "virtualIpAddresses", new String[] {"198.51.100.100/24", "203.0.113.7/32 dev vrrp.51"}));
        VirtualMacPlan plan = VirtualMacPlan.of(c);

        assertThat(plan.vmac()).isEmpty();
        assertThat(plan.extras()).containsExactly(new VirtualMac("vrrp.51", "eth1", 51, false),
                new VirtualMac("vrrp6.51", "eth2", 51, true));
        assertThat(plan.extras()).extracting(VirtualMac::macText).containsExactly("00:00:5e:00:01:33",
                "00:00:5e:00:02:33");
        assertThat(SettingsMapper.toSettings(c).virtualAddresses()).extracting(v -> v.device())
                .containsExactly("eth0", "vrrp.51");
        assertThat(channelInterface(c)).isEqualTo("eth0");
        assertThat(plan.sendsOnVmac()).isFalse();
    }

    @Test
    void theInstancesOwnVmacComesFirstAndItsGivenMacIsTheExtrasToo() {
        VirtualMacPlan plan = VirtualMacPlan.of(config(base("vmacInterface", "vrrp.51", "vmacAddress",
                "02:00:5e:00:aa:33", "extraVmacs", new String[] {"vrrp1.51 eth1"})));

        assertThat(plan.all()).extracting(VirtualMac::name).containsExactly("vrrp.51", "vrrp1.51");
        assertThat(plan.extras().get(0).macText()).isEqualTo("02:00:5e:00:aa:33");
        assertThat(plan.channelInterface("eth0")).isEqualTo("vrrp.51");
    }

    @Test
    void aMalformedExtraVmacLineIsRefused() {
        assertThatThrownBy(() -> VirtualMacPlan.of(config(base("extraVmacs", new String[] {"vrrp.51 eth1 ipv4"}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME PARENT [ipv6]");
        assertThatThrownBy(() -> VirtualMacPlan.of(config(base("extraVmacs", new String[] {"vrrp.51"}))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The interface the component opens its channel on. */
    private static String channelInterface(InstanceConfig c) {
        return VrrpInstanceComponent.channelSpec(c).interfaceName();
    }
}
