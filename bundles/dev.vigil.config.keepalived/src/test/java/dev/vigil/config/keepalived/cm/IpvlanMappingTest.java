package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** use_ipvlan on {@code vigil.instance~NAME}: the ipvlan, its mode and address, and where VIPs go. */
class IpvlanMappingTest extends MappingTestSupport {

    @Test
    void withoutUseIpvlanThereAreNoIpvlanProperties() throws IOException {
        apply(instance("VI_1", 51));

        assertThat(properties("VI_1")).doesNotContainKeys("ipvlanInterface", "ipvlanMode", "ipvlanAddress",
                "vmacTransmitBase", "sourceAddress");
    }

    @Test
    void anAddressAloneMakesABridgeIpvlanNamedVrrpDotVridThatTakesTheVipsAndIsTheSource() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    use_ipvlan 198.51.100.151/24"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("ipvlanInterface", "vrrp.51"), entry("ipvlanMode", "bridge"),
                entry("ipvlanAddress", "198.51.100.151/24"), entry("vmacTransmitBase", false),
                entry("sourceAddress", "198.51.100.151"), entry("interfaceName", "eth0"),
                entry("virtualIpAddresses", new String[] {"198.51.100.51/32 dev vrrp.51"}))
                .doesNotContainKey("vmacInterface");
    }

    @Test
    void wordsInAnyOrderWithAHostPrefixAConfiguredSourceAndTransmitBase() throws IOException {
        ParseResult result = apply(instance("VI_1", 7, "    use_ipvlan vepa 198.51.100.107 vgipvl",
                "    mcast_src_ip 198.51.100.2", "    vmac_xmit_base"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("ipvlanInterface", "vgipvl"), entry("ipvlanMode", "vepa"),
                entry("ipvlanAddress", "198.51.100.107/32"), entry("vmacTransmitBase", true),
                entry("sourceAddress", "198.51.100.2"));
    }

    @Test
    void nameTakesTheNextWordEvenWhenItReadsLikeAMode() throws IOException {
        ParseResult result = apply(instance("VI_1", 7, "    use_ipvlan name bridge private 198.51.100.107/24"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("ipvlanInterface", "bridge"), entry("ipvlanMode", "private"));
    }

    @Test
    void repeatsAndTheOtherFamilyAreIgnoredWithKeepalivedsWarnings() throws IOException {
        ParseResult result = apply(instance("VI_1", 9, "    use_ipvlan 2001:db8::9 198.51.100.109/24 private vepa"
                + " 198.51.100.110 vg1 vg2 a-name-far-too-long group 4", "    use_vmac"));

        String at = "t.conf:5: warning: vrrp_instance VI_1: ";
        assertThat(warnings(result)).containsExactly(
                at + "ipvlan address 2001:db8::9 is IPv6 but the instance is IPv4; it must match the instance's family"
                        + " - skipping",
                at + "ipvlan type already specified - ignoring 'vepa'",
                at + "ipvlan address already specified - ignoring '198.51.100.110'",
                at + "IPVLAN interface already specified - ignoring 'vg2'",
                at + "IPVLAN interface already specified - ignoring 'a-name-far-too-long'",
                "t.conf:6: warning: vrrp_instance VI_1: use_vmac has no effect with use_ipvlan; ignored");
        assertThat(properties("VI_1")).contains(entry("ipvlanInterface", "vg1"), entry("ipvlanMode", "private"),
                entry("ipvlanAddress", "198.51.100.109/24"), entry("vmacGroup", 4)).doesNotContainKey("vmacInterface");
    }

    @Test
    void anIpv6InstanceMayGoWithoutAnAddress() throws IOException {
        ParseResult result = apply("vrrp_instance VI_6 {", "    interface eth0", "    virtual_router_id 6",
                "    virtual_ipaddress { 2001:db8::6/64 }", "    use_ipvlan vg6", "}");

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_6")).contains(entry("ipvlanInterface", "vg6"), entry("ipvlanMode", "bridge"))
                .doesNotContainKeys("ipvlanAddress", "sourceAddress");
    }

    @Test
    void aNameAnEarlierInstanceUsesIsNotTaken() throws IOException {
        ParseResult result = apply(lines(instance("VI_1", 51, "    use_vmac vgshared"),
                instance("VI_2", 52, "    use_ipvlan vgshared 198.51.100.152/24")));

        assertThat(warnings(result)).containsExactly("t.conf:11: warning: vrrp_instance VI_2: VRRP instance VI_1 is "
                + "already using vgshared - ignoring name; using vrrp.52");
        assertThat(properties("VI_2")).containsEntry("ipvlanInterface", "vrrp.52");
    }
}
