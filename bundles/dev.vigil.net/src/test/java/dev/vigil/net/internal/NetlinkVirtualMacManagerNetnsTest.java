package dev.vigil.net.internal;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.api.dataplane.VirtualMac;
import dev.vigil.api.dataplane.VirtualMac.IpvlanMode;

/** VMACs made in host 1's namespace, read back with {@code ip -d link} and its sysctls there. */
class NetlinkVirtualMacManagerNetnsTest {

    @RegisterExtension
    final TopologyExtension<NetnsThread> host = new TopologyExtension<>(1, 1, NetnsThread::enter);
    private final NetlinkVirtualMacManager vmacs = new NetlinkVirtualMacManager();


    private String sh(String command) {
        return host.net().exec(1, Duration.ofSeconds(5), "sh", "-c", command).orThrow().stdout().strip();
    }

    private String link(String name) {
        return sh("ip -d -o link show dev " + name);
    }

    private boolean exists(String name) {
        return host.net().exec(1, Duration.ofSeconds(5), "ip", "link", "show", "dev", name).ok();
    }

    private String sysctl(String family, String ifname, String parameter) {
        return sh("cat /proc/sys/net/" + family + "/conf/" + ifname + "/" + parameter);
    }

    @Test
    void createsAPrivateMacvlanWithTheVirtualMacUpOnTheParentThenDeletesIt() throws Exception {
        VirtualMac vmac = new VirtualMac(VirtualMac.defaultName(51), "eth0", 51, false);
        sh("echo 0 > /proc/sys/net/ipv4/conf/eth0/arp_ignore; echo 0 > /proc/sys/net/ipv4/conf/eth0/arp_filter");

        assertThat(host.host(1).call(() -> vmacs.create(vmac))).as("created, not adopted").isTrue();

        String shown = link("vrrp.51");
        assertThat(shown).contains("vrrp.51@eth0:").contains("link/ether 00:00:5e:00:01:33 ")
                .contains("macvlan mode private").contains("state UP").contains(",UP");
        assertThat(sysctl("ipv4", "vrrp.51", "arp_ignore")).isEqualTo("1");
        assertThat(sysctl("ipv4", "vrrp.51", "accept_local")).isEqualTo("1");
        assertThat(sysctl("ipv4", "vrrp.51", "rp_filter")).isEqualTo("0");
        assertThat(sysctl("ipv4", "vrrp.51", "promote_secondaries")).isEqualTo("1");
        assertThat(sysctl("ipv6", "vrrp.51", "disable_ipv6")).as("an IPv4 VMAC sends no IPv6").isEqualTo("1");
        assertThat(sysctl("ipv4", "eth0", "arp_ignore")).isEqualTo("1");
        assertThat(sysctl("ipv4", "eth0", "arp_filter")).isEqualTo("1");

        assertThat(host.host(1).call(() -> vmacs.delete(vmac))).isTrue();
        assertThat(exists("vrrp.51")).isFalse();
        assertThat(sysctl("ipv4", "eth0", "arp_ignore")).as("parent restored").isEqualTo("0");
        assertThat(sysctl("ipv4", "eth0", "arp_filter")).isEqualTo("0");
        assertThat(host.host(1).call(() -> vmacs.delete(vmac))).as("already gone").isFalse();
    }

    @Test
    void aVmacJoinsItsParentsLinkGroupUnlessOneIsGiven() throws Exception {
        sh("ip link set dev eth0 group 5");
        VirtualMac inherits = new VirtualMac("vrrp.52", "eth0", 52, false);
        VirtualMac given = new VirtualMac("vrrp.53", "eth0", 53, false, null, null, 7);

        assertThat(host.host(1).call(() -> vmacs.create(inherits))).isTrue();
        assertThat(host.host(1).call(() -> vmacs.create(given))).isTrue();

        assertThat(link("vrrp.52")).contains(" group 5 ");
        assertThat(link("vrrp.53")).contains(" group 7 ");
        host.host(1).call(() -> vmacs.delete(inherits));
        host.host(1).call(() -> vmacs.delete(given));
    }

    @Test
    void anIpv6VmacCarriesTheIpv6VirtualMacUnderItsConfiguredName() throws Exception {
        VirtualMac vmac = new VirtualMac("vg6vmac", "eth0", 7, true);
        assertThat(host.host(1).call(() -> vmacs.create(vmac))).isTrue();
        assertThat(link("vg6vmac")).contains("vg6vmac@eth0:").contains("link/ether 00:00:5e:00:02:07 ")
                .contains("macvlan mode private");
        assertThat(sysctl("ipv6", "vg6vmac", "disable_ipv6")).isEqualTo("0");
        assertThat(host.host(1).call(() -> vmacs.delete(vmac))).isTrue();
        assertThat(exists("vg6vmac")).isFalse();
    }

    @Test
    void adoptsAMatchingMacvlanAndBringsItUp() throws Exception {
        sh("ip link add link eth0 name vrrp.9 address 00:00:5e:00:01:09 type macvlan mode private");
        VirtualMac vmac = new VirtualMac("vrrp.9", "eth0", 9, false);

        assertThat(host.host(1).call(() -> vmacs.create(vmac))).as("adopted").isFalse();
        assertThat(link("vrrp.9")).contains("state UP").contains("link/ether 00:00:5e:00:01:09 ");
        assertThat(sysctl("ipv4", "vrrp.9", "arp_ignore")).isEqualTo("1");

        assertThat(host.host(1).call(() -> vmacs.delete(vmac))).isTrue();
        assertThat(exists("vrrp.9")).isFalse();
    }

    @Test
    void refusesAndKeepsAnInterfaceOfThatNameThatIsNotItsVmac() throws Exception {
        sh("ip link add link eth0 name vrrp.10 address 00:00:5e:00:01:0b type macvlan mode private;"
                + " ip link add vrrp.11 address 00:00:5e:00:01:0b type veth peer name vg11peer");
        VirtualMac wrongMac = new VirtualMac("vrrp.10", "eth0", 10, false);
        VirtualMac notMacvlan = new VirtualMac("vrrp.11", "eth0", 11, false);

        assertThatThrownBy(() -> host.host(1).call(() -> vmacs.create(wrongMac))).hasMessageContaining("not adopted");
        assertThatThrownBy(() -> host.host(1).call(() -> vmacs.create(notMacvlan))).hasMessageContaining("not adopted");
        assertThat(host.host(1).call(() -> vmacs.delete(wrongMac))).as("not ours to delete").isFalse();
        assertThat(host.host(1).call(() -> vmacs.delete(notMacvlan))).isFalse();
        assertThat(exists("vrrp.10")).isTrue();
        assertThat(exists("vrrp.11")).isTrue();
    }

    @Test
    void theParentKeepsItsArpSettingsUntilItsLastVmacIsGone() throws Exception {
        sh("echo 2 > /proc/sys/net/ipv4/conf/eth0/arp_ignore; echo 0 > /proc/sys/net/ipv4/conf/eth0/arp_filter");
        VirtualMac first = new VirtualMac("vrrp.1", "eth0", 1, false);
        VirtualMac second = new VirtualMac("vrrp.2", "eth0", 2, false);
        host.host(1).call(() -> vmacs.create(first));
        host.host(1).call(() -> vmacs.create(second));

        host.host(1).call(() -> vmacs.delete(first));
        assertThat(sysctl("ipv4", "eth0", "arp_ignore")).as("second VMAC still there").isEqualTo("1");
        host.host(1).call(() -> vmacs.delete(second));
        assertThat(sysctl("ipv4", "eth0", "arp_ignore")).isEqualTo("2");
        assertThat(sysctl("ipv4", "eth0", "arp_filter")).isEqualTo("0");
    }

    @Test
    void aMissingParentIsAnError() {
        VirtualMac vmac = new VirtualMac("vrrp.3", "vgnosuch0", 3, false);
        assertThatThrownBy(() -> host.host(1).call(() -> vmacs.create(vmac))).hasMessageContaining("vgnosuch0");
        assertThat(exists("vrrp.3")).isFalse();
    }

    /** Skips where the kernel has no ipvlan driver (CONFIG_IPVLAN unset): probed in host 1's namespace. */
    private void assumeIpvlan() {
        boolean supported = host.net().exec(1, Duration.ofSeconds(5), "sh", "-c",
                "ip link add link eth0 name vgprobe type ipvlan mode l2 && ip link del vgprobe").ok();
        assumeTrue(supported, "this kernel cannot make an ipvlan (CONFIG_IPVLAN unset?): ipvlan netns test skipped");
    }

    private static VirtualMac ipvlan(String name, IpvlanMode mode, String address) throws Exception {
        return new VirtualMac(name, "eth0", 51, false, new VirtualMac.Ipvlan(mode, InetAddress.getByName(address), 24));
    }

    @Test
    void createsAnL2IpvlanWithItsAddressUpOnTheParentThenDeletesIt() throws Exception {
        assumeIpvlan();
        sh("echo 0 > /proc/sys/net/ipv4/conf/eth0/arp_ignore");
        VirtualMac ipvlan = ipvlan("vgipvl", IpvlanMode.BRIDGE, "198.51.100.51");

        assertThat(host.host(1).call(() -> vmacs.create(ipvlan))).as("created, not adopted").isTrue();

        assertThat(link("vgipvl")).contains("vgipvl@eth0:").contains("ipvlan").contains("mode l2 bridge")
                .contains(",UP").as("the parent's MAC").contains(sh("cat /sys/class/net/eth0/address"));
        assertThat(sh("ip -o -4 addr show dev vgipvl")).contains("inet 198.51.100.51/24");
        assertThat(sysctl("ipv6", "vgipvl", "disable_ipv6")).as("an IPv4 ipvlan sends no IPv6").isEqualTo("1");
        assertThat(sysctl("ipv4", "eth0", "arp_ignore")).as("the parent's ARP is left alone").isEqualTo("0");

        assertThat(host.host(1).call(() -> vmacs.delete(ipvlan))).isTrue();
        assertThat(exists("vgipvl")).isFalse();
        assertThat(host.host(1).call(() -> vmacs.delete(ipvlan))).as("already gone").isFalse();
    }

    @Test
    void anIpvlanCarriesTheModeAskedFor() throws Exception {
        assumeIpvlan();
        VirtualMac ipvlan = ipvlan("vgipvlp", IpvlanMode.PRIVATE, "198.51.100.52");
        assertThat(host.host(1).call(() -> vmacs.create(ipvlan))).isTrue();
        assertThat(link("vgipvlp")).contains("mode l2 private");
        assertThat(host.host(1).call(() -> vmacs.delete(ipvlan))).isTrue();
    }

    @Test
    void adoptsAMatchingIpvlanAndPutsTheAddressOnIt() throws Exception {
        assumeIpvlan();
        sh("ip link add link eth0 name vgipvla type ipvlan mode l2 bridge");
        VirtualMac ipvlan = ipvlan("vgipvla", IpvlanMode.BRIDGE, "198.51.100.53");

        assertThat(host.host(1).call(() -> vmacs.create(ipvlan))).as("adopted").isFalse();
        assertThat(link("vgipvla")).contains(",UP");
        assertThat(sh("ip -o -4 addr show dev vgipvla")).contains("inet 198.51.100.53/24");
        assertThat(host.host(1).call(() -> vmacs.create(ipvlan))).as("again: address already there").isFalse();

        assertThat(host.host(1).call(() -> vmacs.delete(ipvlan))).isTrue();
        assertThat(exists("vgipvla")).isFalse();
    }

    @Test
    void refusesAndKeepsAMacvlanOfTheIpvlansName() throws Exception {
        sh("ip link add link eth0 name vgipmac type macvlan mode private");
        VirtualMac ipvlan = ipvlan("vgipmac", IpvlanMode.BRIDGE, "198.51.100.56");

        assertThatThrownBy(() -> host.host(1).call(() -> vmacs.create(ipvlan)))
                .hasMessageContaining("is not an l2 bridge ipvlan").hasMessageContaining("not adopted");
        assertThat(host.host(1).call(() -> vmacs.delete(ipvlan))).as("not ours to delete").isFalse();
        assertThat(exists("vgipmac")).isTrue();
        assertThat(sh("ip -o addr show dev vgipmac")).doesNotContain("198.51.100.56");
    }

    @Test
    void refusesAndKeepsAnIpvlanOfAnotherModeOfItsName() throws Exception {
        assumeIpvlan();
        sh("ip link add link eth0 name vgipl3 type ipvlan mode l3;"
                + " ip link add link eth0 name vgipvep type ipvlan mode l2 vepa");
        VirtualMac l3 = ipvlan("vgipl3", IpvlanMode.BRIDGE, "198.51.100.54");
        VirtualMac vepa = ipvlan("vgipvep", IpvlanMode.BRIDGE, "198.51.100.55");

        for (VirtualMac wrong : new VirtualMac[] {l3, vepa}) {
            assertThatThrownBy(() -> host.host(1).call(() -> vmacs.create(wrong))).as(wrong.name())
                    .hasMessageContaining("is not an l2 bridge ipvlan").hasMessageContaining("not adopted");
            assertThat(host.host(1).call(() -> vmacs.delete(wrong))).as("not ours to delete").isFalse();
            assertThat(exists(wrong.name())).isTrue();
        }
    }
}
