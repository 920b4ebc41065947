package dev.vigil.net.internal;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.dataplane.AddressOptions;
import dev.vigil.api.dataplane.InterfaceInfo;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.libc.Errno;
import dev.vigil.libc.NativeException;
import dev.vigil.testing.netns.Capture;

/** The VIP manager acting in host 1's namespace (calls made on a thread that entered it). */
class NetlinkVipManagerNetnsTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final TopologyExtension<NetnsThread> host = new TopologyExtension<>(2, 1, NetnsThread::enter);
    private final NetlinkVipManager vips = new NetlinkVipManager();


    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private List<String> lines(String address) {
        return host.net().addressLines(1).stream().filter(l -> l.contains(" " + address + "/")).toList();
    }

    @Test
    void addAdoptPresentRemoveWithLabelAndHostPrefix() throws Exception {
        VirtualAddress vip = new VirtualAddress(ip("198.51.100.100"), 32, "eth0", "eth0:vip");
        assertThat(host.host(1).call(() -> vips.present(vip))).isFalse();

        assertThat(host.host(1).call(() -> vips.add(vip))).isTrue();
        assertThat(lines("198.51.100.100")).singleElement().satisfies(l ->
                assertThat(l).contains("inet 198.51.100.100/32 scope global eth0:vip\\"));
        assertThat(host.host(1).call(() -> vips.add(vip))).as("second add adopts").isFalse();
        assertThat(host.host(1).call(() -> vips.present(vip))).isTrue();

        assertThat(host.host(1).call(() -> vips.remove(vip))).isTrue();
        assertThat(host.net().waitForAddress(1, "198.51.100.100/32", false, Duration.ofSeconds(1))).isTrue();
        assertThat(host.host(1).call(() -> vips.remove(vip))).as("second remove finds nothing").isFalse();
        assertThat(host.host(1).call(() -> vips.present(vip))).isFalse();
        assertThat(host.net().addresses(1)).contains("198.51.100.11/24"); // the real address is untouched
    }

    @Test
    void prefixLengthIsKeptAndTheAddressBecomesSecondary() throws Exception {
        VirtualAddress vip = new VirtualAddress(ip("198.51.100.101"), 24, "eth0", null);
        assertThat(host.host(1).call(() -> vips.add(vip))).isTrue();
        assertThat(lines("198.51.100.101")).singleElement().satisfies(l ->
                assertThat(l).contains("inet 198.51.100.101/24 ").contains("scope global secondary eth0"));
        // removing with the wrong prefix length does not touch it (the kernel matches the prefix)
        assertThat(host.host(1).call(() -> vips.remove(new VirtualAddress(ip("198.51.100.101"), 32, "eth0", null)))).isFalse();
        assertThat(host.host(1).call(() -> vips.remove(vip))).isTrue();
        assertThat(host.net().addresses(1)).doesNotContain("198.51.100.101/24");
    }

    @Test
    void ipv6VipIsAddedWithoutDad() throws Exception {
        VirtualAddress vip = new VirtualAddress(ip("2001:db8::100"), 64, "eth0", null);
        assertThat(host.host(1).call(() -> vips.add(vip))).isTrue();
        assertThat(lines("2001:db8::100")).singleElement().satisfies(l ->
                assertThat(l).contains("inet6 2001:db8::100/64 scope global").doesNotContain("tentative"));
        assertThat(host.host(1).call(() -> vips.present(vip))).isTrue();
        assertThat(host.host(1).call(() -> vips.remove(vip))).isTrue();
        assertThat(host.host(1).call(() -> vips.present(vip))).isFalse();
    }

    @Test
    void optionsReachTheKernel() throws Exception {
        // another subnet than eth0's own: the kernel wants a secondary address in the primary's scope
        VirtualAddress v4 = new VirtualAddress(ip("203.0.113.104"), 24, "eth0", null, AddressOptions.parse(
                List.of("brd", "203.0.113.255", "scope", "link", "noprefixroute", "preferred_lft", "0")));
        assertThat(host.host(1).call(() -> vips.add(v4))).isTrue();
        assertThat(lines("203.0.113.104")).singleElement().satisfies(l -> assertThat(l)
                .contains("inet 203.0.113.104/24 brd 203.0.113.255 scope link deprecated noprefixroute eth0"));
        assertThat(host.host(1).call(() -> vips.remove(v4))).isTrue();

        VirtualAddress v6 = new VirtualAddress(ip("2001:db8::104"), 64, "eth0", null,
                AddressOptions.parse(List.of("home", "mngtmpaddr")));
        assertThat(host.host(1).call(() -> vips.add(v6))).isTrue();
        assertThat(lines("2001:db8::104")).singleElement().satisfies(l -> assertThat(l)
                .contains("inet6 2001:db8::104/64 scope global nodad home mngtmpaddr "));
        VirtualAddress withDad = new VirtualAddress(ip("2001:db8::105"), 64, "eth0", null,
                AddressOptions.parse(List.of("-nodad")));
        assertThat(host.host(1).call(() -> vips.add(withDad))).isTrue();
        assertThat(lines("2001:db8::105")).singleElement().satisfies(l -> assertThat(l).doesNotContain("nodad"));
    }

    @Test
    void aPeerIsTheOtherEndAsIpAddrAddPeerMakesIt() throws Exception {
        VirtualAddress vip = new VirtualAddress(ip("198.51.100.105"), 32, "eth0", null,
                AddressOptions.parse(List.of("peer", "198.51.100.106")));
        assertThat(host.host(1).call(() -> vips.add(vip))).isTrue();
        assertThat(host.net().addressLines(1)).filteredOn(l -> l.contains(" 198.51.100.105 ")).singleElement()
                .satisfies(l -> assertThat(l).contains("inet 198.51.100.105 peer 198.51.100.106/32 scope global eth0"));
        assertThat(host.host(1).call(() -> vips.present(vip))).isTrue();
        assertThat(host.host(1).call(() -> vips.add(vip))).as("second add adopts").isFalse();

        assertThat(host.host(1).call(() -> vips.remove(vip))).isTrue(); // matched on the peer too
        assertThat(host.net().addressLines(1)).noneMatch(l -> l.contains(" 198.51.100.105 "));
        assertThat(host.host(1).call(() -> vips.present(vip))).isFalse();
    }

    @Test
    void badLabelsAndUnknownDevicesAreRefusedWithReasons() throws Exception {
        VirtualAddress wrongLabel = new VirtualAddress(ip("198.51.100.102"), 32, "eth0", "eth1:1");
        assertThatThrownBy(() -> host.host(1).call(() -> vips.add(wrongLabel)))
                .isInstanceOf(IOException.class).hasMessageContaining("must be eth0 or start with eth0:");
        assertThat(host.net().addresses(1)).doesNotContain("198.51.100.102/32");

        VirtualAddress noDevice = new VirtualAddress(ip("198.51.100.102"), 32, "vgnosuch0", null);
        assertThatThrownBy(() -> host.host(1).call(() -> vips.add(noDevice)))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENODEV);
                    assertThat(e.getMessage()).endsWith("No such device (errno 19)");
                });
        assertThat(host.host(1).call(() -> vips.present(noDevice))).isFalse();
    }

    @Test
    void interfaceInfoReportsIndexPrimaryAddressAndState() throws Exception {
        int index = Integer.parseInt(host.net().exec(1, Duration.ofSeconds(5), "cat", "/sys/class/net/eth0/ifindex").orThrow().stdout().strip());
        // a VIP in the same subnet must not be taken for the primary
        host.host(1).call(() -> vips.add(new VirtualAddress(ip("198.51.100.103"), 24, "eth0", null)));

        Optional<InterfaceInfo> info = host.host(1).call(() -> vips.interfaceInfo("eth0", Inet4Address.class));
        assertThat(info).contains(new InterfaceInfo("eth0", index, host.net().address(1), true));

        InterfaceInfo v6 = host.host(1).call(() -> vips.interfaceInfo("eth0", Inet6Address.class)).orElseThrow();
        assertThat(v6.primaryAddress()).isInstanceOf(Inet6Address.class);
        assertThat(v6.primaryAddress().isLinkLocalAddress()).isTrue();

        host.net().linkDown(1);
        assertThat(host.host(1).call(() -> vips.interfaceInfo("eth0", Inet4Address.class)).orElseThrow().up()).isFalse();
        host.net().linkUp(1);
        assertThat(host.host(1).call(() -> vips.interfaceInfo("vgnosuch0", Inet4Address.class))).isEmpty();
    }

    @Test
    void gratuitousArpSeenFromAnotherHost() throws Exception {
        VirtualAddress vip = new VirtualAddress(ip("198.51.100.100"), 32, "eth0", null);
        host.host(1).call(() -> vips.add(vip));
        Capture cap = host.net().capture(2, "arp", tmp.resolve("garp.pcap"));
        host.host(1).run(() -> vips.announce(vip));
        cap.stop();
        List<String> rows = cap.tshark("-Y", "arp.isgratuitous == 1", "-T", "fields", "-E", "separator=,",
                "-e", "eth.dst", "-e", "arp.src.hw_mac", "-e", "arp.src.proto_ipv4", "-e", "arp.dst.proto_ipv4",
                "-e", "arp.opcode", "-e", "frame.len");
        assertThat(rows).containsExactly("ff:ff:ff:ff:ff:ff," + host.net().mac(1) + ",198.51.100.100,198.51.100.100,1,60");
    }

    @Test
    void unsolicitedNeighbourAdvertSeenFromAnotherHost() throws Exception {
        VirtualAddress vip = new VirtualAddress(ip("2001:db8::100"), 64, "eth0", null);
        host.host(1).call(() -> vips.add(vip));
        Capture cap = host.net().capture(2, "icmp6", tmp.resolve("na.pcap"));
        host.host(1).run(() -> vips.announce(vip));
        cap.stop();
        List<String> rows = cap.tshark("-Y", "icmpv6.type == 136", "-T", "fields", "-E", "separator=,",
                "-e", "ipv6.dst", "-e", "ipv6.hlim", "-e", "icmpv6.nd.na.target_address", "-e", "icmpv6.nd.na.flag.o",
                "-e", "icmpv6.opt.linkaddr", "-e", "icmpv6.checksum.status");
        assertThat(rows).containsExactly("ff02::1,255,2001:db8::100,1," + host.net().mac(1) + ",1");
    }
}
