package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * keepalived's VIP option {@code use_vmac}: two routers whose instance runs on eth0 hold a second
 * VIP {@code dev eth1 use_vmac}. That VIP sits on an extra VMAC on eth1 (a private macvlan with
 * the virtual router MAC), a client on eth1 reaches it before and after the failover that moves
 * it to the peer's, its gratuitous ARPs and ARP replies come from that MAC only, and a stopped
 * router deletes its extra VMAC.
 */
class ExtraVmacFailoverTest {

    private static final String VIP = "198.51.100.100/24";
    private static final String EXTRA_VIP = "203.0.113.100/24";
    private static final String SECOND_IFACE = Topology.SECOND_IFACE;
    /** keepalived's name: the instance has no VMAC of its own, so vrrp.VRID is free. */
    private static final String EXTRA_VMAC = "vrrp.51";
    private static final String VIRTUAL_MAC = "00:00:5e:00:01:33";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EXTRA_VIP_ADDRESS = "203.0.113.100";
    private static final int A = 1, B = 2, CLIENT = 3;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void aVipWithUseVmacOnAnotherInterfaceSitsOnAVmacThereAndMovesOnFailover() {
        Path dir = VrrpPeers.workDir("extra-vmac-failover");
        try (Topology topo = Topology.create(3)) {
            topo.addSecondLink();
            String vips = VIP + "\n        " + EXTRA_VIP + " dev " + SECOND_IFACE + " use_vmac";
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 100, "1", 2, vips, "")));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 99, "1", 2, vips, "")));

            Capture capture = topo.capture(CLIENT, SECOND_IFACE, "arp", dir.resolve("client-eth1.pcap"));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(link(topo, A)).contains(EXTRA_VMAC + "@" + SECOND_IFACE + ":",
                    "link/ether " + VIRTUAL_MAC + " ", "macvlan mode private");
            assertThat(link(topo, B)).as("the backup has its extra VMAC too")
                    .contains(EXTRA_VMAC + "@" + SECOND_IFACE + ":", "link/ether " + VIRTUAL_MAC + " ");
            assertThat(topo.waitForAddress(A, EXTRA_VMAC, EXTRA_VIP, true, WAIT)).as("VIP on A's extra VMAC").isTrue();
            assertThat(topo.waitForAddress(A, VIP, true, WAIT)).as("the other VIP on A's eth0").isTrue();
            assertThat(topo.addresses(A, SECOND_IFACE)).as("not on eth1 itself").doesNotContain(EXTRA_VIP);
            assertThat(topo.addresses(B, EXTRA_VMAC)).doesNotContain(EXTRA_VIP);
            assertThat(pingExtraVip(topo)).as("client reaches the VIP on A over eth1").isTrue();

            // SIGTERM of the master: B takes over, A deletes its extra VMAC on the way out
            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            assertThat(topo.waitForAddress(B, EXTRA_VMAC, EXTRA_VIP, true, WAIT)).as("VIP on B's extra VMAC").isTrue();
            assertThat(topo.exec(A, Duration.ofSeconds(5), "ip", "link", "show", "dev", EXTRA_VMAC).ok())
                    .as("A deleted its extra VMAC").isFalse();
            topo.exec(CLIENT, Duration.ofSeconds(5), "ip", "neigh", "flush", "to", EXTRA_VIP_ADDRESS).orThrow();
            assertThat(pingExtraVip(topo)).as("client reaches the VIP on B over eth1").isTrue();
            capture.stop();

            List<String> garps = capture.tshark("-Y", "arp.isgratuitous == 1 && arp.src.proto_ipv4 == "
                    + EXTRA_VIP_ADDRESS, "-T", "fields", "-e", "eth.src");
            assertThat(garps).as("gratuitous ARPs of both masters, from the virtual MAC")
                    .hasSizeGreaterThanOrEqualTo(2).allMatch(mac -> mac.equalsIgnoreCase(VIRTUAL_MAC));
            List<String> replies = capture.tshark("-Y", "arp.opcode == 2 && arp.src.proto_ipv4 == "
                    + EXTRA_VIP_ADDRESS, "-T", "fields", "-e", "arp.src.hw_mac");
            assertThat(replies).as("the VIP answers ARP on eth1 with the virtual MAC only, on A and then on B")
                    .hasSizeGreaterThanOrEqualTo(2).allMatch(mac -> mac.equalsIgnoreCase(VIRTUAL_MAC));
            assertThat(a.log()).contains("(VI_1) Success creating VMAC interface " + EXTRA_VMAC)
                    .contains("(VI_1) Removed VMAC interface " + EXTRA_VMAC).doesNotContain("Exception");
            assertThat(b.log()).doesNotContain("Exception");
        }
    }

    private static boolean pingExtraVip(Topology topo) {
        return topo.exec(CLIENT, Duration.ofSeconds(10), "ping", "-c", "1", "-w", "5", "-I", SECOND_IFACE,
                EXTRA_VIP_ADDRESS).ok();
    }

    private static String link(Topology topo, int host) {
        return topo.exec(host, Duration.ofSeconds(5), "ip", "-d", "-o", "link", "show", "dev", EXTRA_VMAC).orThrow()
                .stdout();
    }
}
