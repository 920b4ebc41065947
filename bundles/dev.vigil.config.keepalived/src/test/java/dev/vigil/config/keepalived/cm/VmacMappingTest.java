package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** use_vmac and vmac_xmit_base on {@code vigil.instance~NAME}, and where VIPs without dev go. */
class VmacMappingTest extends MappingTestSupport {

    @Test
    void withoutUseVmacThereAreNoVmacProperties() throws IOException {
        apply(instance("VI_1", 51));

        assertThat(properties("VI_1")).doesNotContainKeys("vmacInterface", "vmacTransmitBase")
                .containsEntry("virtualIpAddresses", new String[] {"198.51.100.51/32 dev eth0"});
    }

    @Test
    void useVmacWithoutANameIsVrrpDotVridAndTakesTheVipsWithoutDev() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    use_vmac",
                "    virtual_ipaddress_excluded { 203.0.113.51/32", "        203.0.113.52/32 dev eth1 }"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("vmacInterface", "vrrp.51"), entry("vmacTransmitBase", false),
                entry("virtualIpAddresses", new String[] {"198.51.100.51/32 dev vrrp.51"}),
                entry("excludedIpAddresses", new String[] {"203.0.113.51/32 dev vrrp.51", "203.0.113.52/32 dev eth1"}));
    }

    @Test
    void keepalivedsFullUseVmacLineNameMacNotifyAndGroup() throws IOException {
        ParseResult result = apply(ConfText.lines(
                instance("VI_1", 51, "    use_vmac name group 02:00:5e:aa:bb netlink_notify_msg"),
                instance("VI_2", 52, "    use_vmac vm52 02:00:5E:AA:BB:CC group 7"),
                instance("VI_3", 53, "    use_vmac vm53 00:00:5e:00:01:53 01:00:5e:aa:bb:cc")));

        // five octets take the VRID (51 = 0x33); the name "group" needs the "name" word before it
        assertThat(properties("VI_1")).contains(entry("vmacInterface", "group"), entry("vmacAddress", "02:00:5e:aa:bb:33"));
        assertThat(properties("VI_2")).contains(entry("vmacInterface", "vm52"), entry("vmacAddress", "02:00:5e:aa:bb:cc"),
                entry("vmacGroup", 7));
        assertThat(properties("VI_1")).doesNotContainKey("vmacGroup");
        assertThat(properties("VI_3")).contains(entry("vmacInterface", "vm53")).doesNotContainKey("vmacAddress");
        assertThat(warnings(result)).containsExactly(
                "t.conf:17: warning: vrrp_instance VI_3: VMAC MAC address not allowed to be RFC5798 address "
                        + "(00:00:5e:00:01:53) - ignoring",
                "t.conf:17: warning: vrrp_instance VI_3: VMAC MAC address is multicast 01:00:5e:aa:bb:cc - ignoring");
    }

    @Test
    void aNamedVmacWithTransmitBase() throws IOException {
        ParseResult result = apply(instance("VI_1", 7, "    use_vmac vmac7", "    vmac_xmit_base"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("vmacInterface", "vmac7"), entry("vmacTransmitBase", true),
                entry("interfaceName", "eth0"));
    }

    @Test
    void aNameTheKernelCannotTakeFallsBackToTheDefaultWithAWarning() throws IOException {
        ParseResult result = apply(instance("VI_1", 9, "    use_vmac a-name-far-too-long"));

        assertThat(warnings(result)).containsExactly("t.conf:5: warning: vrrp_instance VI_1: VMAC interface name "
                + "'a-name-far-too-long' must be an interface name of 1 to 15 characters - ignoring; using vrrp.9");
        assertThat(properties("VI_1")).containsEntry("vmacInterface", "vrrp.9");
    }

    @Test
    void vmacTransmitBaseAloneDoesNothingAndSaysSo() throws IOException {
        ParseResult result = apply(instance("VI_1", 9, "    vmac_xmit_base"));

        assertThat(warnings(result)).containsExactly(
                "t.conf:5: warning: vrrp_instance VI_1: vmac_xmit_base has no effect without use_vmac; ignored");
        assertThat(properties("VI_1")).doesNotContainKeys("vmacInterface", "vmacTransmitBase");
    }

    @Test
    void vmacPrefixAndVmacAddrPrefixNameTheVmacsVigilMakesUp() throws IOException {
        apply(ConfText.lines(new String[] {"global_defs {", "    vmac_prefix vg", "    vmac_addr_prefix vx", "}"},
                instance("VI_1", 51, "    use_vmac", "    virtual_ipaddress_excluded { 203.0.113.5/24 dev eth1 use_vmac }")));

        assertThat(properties("VI_1")).contains(entry("vmacInterface", "vg.51"),
                entry("extraVmacs", new String[] {"vx.51 eth1"}));
        ParseResult twice = dev.vigil.config.keepalived.parser.KeepalivedParser.parse("t.conf", String.join("\n",
                "global_defs {", "    vmac_prefix vg", "    vmac_prefix no", "    vmac_addr_prefix much_too_long", "}"));
        assertThat(twice.diagnostics()).extracting(Object::toString).noneMatch(d -> d.contains("more than once")).contains(
                "t.conf:3: error: vmac prefix has already been specified - ignoring no",
                "t.conf:4: error: vmac_addr prefix 'much_too_long' cannot start an interface name (much_too_long99.255 "
                        + "must be an interface name of 1 to 15 characters)");
    }
}
