package dev.vigil.net.internal;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.api.dataplane.VirtualMac;

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
}
