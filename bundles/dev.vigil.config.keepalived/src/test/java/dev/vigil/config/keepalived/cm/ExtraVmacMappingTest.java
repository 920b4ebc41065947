package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** use_vmac_addr and the VIP option use_vmac: extraVmacs on {@code vigil.instance~NAME}, and the VIP lines' dev. */
class ExtraVmacMappingTest extends MappingTestSupport {

    @Test
    void aVipWithUseVmacOnAnotherInterfaceGoesOnAVmacThere() throws IOException {
        ParseResult result = apply("vrrp_instance VI_1 {", "    interface eth0", "    virtual_router_id 51",
                "    virtual_ipaddress {", "        198.51.100.51/24", "        203.0.113.51/24 dev eth1 use_vmac",
                "        203.0.113.52/24 dev eth2", "    }", "}");

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("extraVmacs", new String[] {"vrrp.51 eth1"}),
                entry("virtualIpAddresses", new String[] {"198.51.100.51/24 dev eth0", "203.0.113.51/24 dev vrrp.51",
                        "203.0.113.52/24 dev eth2"}))
                .doesNotContainKey("vmacInterface");
    }

    @Test
    void useVmacAddrPutsEveryOtherInterfacesAddressesOnOneVmacEachBesideTheInstancesOwn() throws IOException {
        ParseResult result = apply("vrrp_instance VI_1 {", "    interface eth0", "    virtual_router_id 51",
                "    use_vmac", "    use_vmac_addr", "    virtual_ipaddress {", "        198.51.100.51/24",
                "        203.0.113.51/24 dev eth1", "        203.0.113.52/24 dev eth1",
                "        203.0.113.53/24 dev eth2", "    }",
                "    virtual_ipaddress_excluded {", "        2001:db8::51/64", "        2001:db8:1::51/64 dev eth1",
                "    }", "}");

        assertThat(warnings(result)).isEmpty();
        // the instance's VMAC is vrrp.51: the extras take vrrpN.51, IPv6 trying vrrp6.51 before vrrp1.51 on
        assertThat(properties("VI_1")).contains(entry("vmacInterface", "vrrp.51"),
                entry("extraVmacs", new String[] {"vrrp1.51 eth1", "vrrp2.51 eth2", "vrrp6.51 eth0 ipv6",
                        "vrrp3.51 eth1 ipv6"}),
                entry("virtualIpAddresses", new String[] {"198.51.100.51/24 dev vrrp.51", "203.0.113.51/24 dev vrrp1.51",
                        "203.0.113.52/24 dev vrrp1.51", "203.0.113.53/24 dev vrrp2.51"}),
                entry("excludedIpAddresses", new String[] {"2001:db8::51/64 dev vrrp6.51",
                        "2001:db8:1::51/64 dev vrrp3.51"}));
    }

    @Test
    void withoutEitherNothingChanges() throws IOException {
        apply(instance("VI_1", 51, "    virtual_ipaddress { 203.0.113.51/24 dev eth1 }"));

        assertThat(properties("VI_1")).doesNotContainKey("extraVmacs").containsEntry("virtualIpAddresses",
                new String[] {"198.51.100.51/32 dev eth0", "203.0.113.51/24 dev eth1"});
    }

    @Test
    void keepalivedsWarningsForUseVmacWhereTheInstanceAlreadyDecides() throws IOException {
        ParseResult result = apply(lines(
                instance("VI_1", 51, "    use_vmac", "    virtual_ipaddress { 198.51.100.61/32 use_vmac }"),
                instance("VI_2", 52, "    use_vmac_addr", "    virtual_ipaddress { 203.0.113.52/32 dev eth1 use_vmac }")));

        assertThat(warnings(result)).containsExactly(
                "t.conf:6: warning: vrrp_instance VI_1: use_vmac specified for VIP/eVIP 198.51.100.61 and vrrp instance",
                "t.conf:13: warning: vrrp_instance VI_2: use_vmac_addr specified and use_vmac specified for VIP/eVIP "
                        + "203.0.113.52");
        assertThat(properties("VI_1")).doesNotContainKey("extraVmacs").containsEntry("virtualIpAddresses",
                new String[] {"198.51.100.51/32 dev vrrp.51", "198.51.100.61/32 dev vrrp.51"});
        assertThat(properties("VI_2")).contains(entry("extraVmacs", new String[] {"vrrp.52 eth1"}));
    }

    @Test
    void aVipWithUseVmacOnTheInstancesInterfaceGetsAVmacWhenTheInstanceHasNone() throws IOException {
        apply(instance("VI_1", 51, "    virtual_ipaddress { 198.51.100.61/32 use_vmac }"));

        assertThat(properties("VI_1")).contains(entry("extraVmacs", new String[] {"vrrp.51 eth0"}),
                entry("virtualIpAddresses", new String[] {"198.51.100.51/32 dev eth0", "198.51.100.61/32 dev vrrp.51"}));
    }

    @Test
    void extraVmacNamesStayClearOfEarlierInstancesVmacs() throws IOException {
        apply(lines(instance("VI_1", 51, "    use_vmac vrrp.52"),
                instance("VI_2", 52, "    virtual_ipaddress { 203.0.113.52/32 dev eth1 use_vmac }")));

        assertThat(properties("VI_2")).contains(entry("extraVmacs", new String[] {"vrrp1.52 eth1"}),
                entry("virtualIpAddresses", new String[] {"198.51.100.52/32 dev eth0", "203.0.113.52/32 dev vrrp1.52"}));
    }

    @Test
    void withAGivenMacTheOwnVmacServesItsInterfacesOtherFamily() throws IOException {
        apply(instance("VI_1", 51, "    use_vmac 02:00:5e:aa:bb", "    use_vmac_addr",
                "    virtual_ipaddress_excluded { 2001:db8::51/64", "        203.0.113.51/32 dev eth1 }"));

        assertThat(properties("VI_1")).contains(entry("extraVmacs", new String[] {"vrrp1.51 eth1"}),
                entry("vmacAddress", "02:00:5e:aa:bb:33"),
                entry("excludedIpAddresses", new String[] {"2001:db8::51/64 dev vrrp.51", "203.0.113.51/32 dev vrrp1.51"}));
    }

    @Test
    void staticAddressesKnowNoUseVmac() throws IOException {
        ParseResult result = apply(lines(new String[] {"static_ipaddress {", "    203.0.113.9/32 dev eth1 use_vmac",
                "}"}, instance("VI_1", 51)));

        assertThat(warnings(result)).containsExactly(
                "t.conf:2: warning: Unknown configuration entry 'use_vmac' for ip address - ignoring");
    }
}
