package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Two Vigil routers with {@code use_ipvlan} and a client on one bridge: each router makes an L2
 * ipvlan with its own address, adverts leave from that address, the VIP sits on the master's
 * ipvlan and moves to the other one with MASTER, and a stopped router deletes its ipvlan.
 * Skipped on a kernel without the ipvlan driver.
 */
class IpvlanFailoverTest {

    private static final String VIP = "198.51.100.100";
    private static final String VIP_CIDR = VIP + "/24";
    private static final String IPVLAN = "vgipvl";
    private static final String ADDRESS_A = "198.51.100.61";
    private static final String ADDRESS_B = "198.51.100.62";
    private static final int A = 1, B = 2, CLIENT = 3;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void theVipMovesWithMasterFromOneIpvlanToTheOther() {
        Path dir = VrrpPeers.workDir("ipvlan-failover");
        try (Topology topo = Topology.create(3)) {
            assumeTrue(topo.exec(A, Duration.ofSeconds(5), "sh", "-c",
                    "ip link add link eth0 name vgprobe type ipvlan mode l2 && ip link del vgprobe").ok(),
                    "this kernel cannot make an ipvlan (CONFIG_IPVLAN unset?): ipvlan failover test skipped");
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(new VrrpPeers.Instance("VI_1",
                    "MASTER", 51, 100, "1", 2, VIP_CIDR, "    use_ipvlan " + IPVLAN + " " + ADDRESS_A + "/24")));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b", List.of(new VrrpPeers.Instance("VI_1",
                    "BACKUP", 51, 99, "1", 2, VIP_CIDR, "    use_ipvlan " + IPVLAN + " " + ADDRESS_B + "/24")));
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("client.pcap"));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(ipvlanLink(topo, A)).contains(IPVLAN + "@eth0:", "ipvlan", "mode l2 bridge");
            assertThat(ipvlanAddresses(topo, A)).contains("inet " + ADDRESS_A + "/24 ");
            assertThat(ipvlanAddresses(topo, B)).as("the backup has its ipvlan too").contains("inet " + ADDRESS_B + "/24 ");
            assertThat(waitForVip(topo, A, true)).as("VIP on A's ipvlan").isTrue();
            assertThat(topo.addresses(A)).as("not on the base interface").doesNotContain(VIP_CIDR);
            assertThat(pingVip(topo)).as("client reaches the VIP on A").isTrue();

            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            assertThat(waitForVip(topo, B, true)).as("VIP on B's ipvlan").isTrue();
            assertThat(topo.exec(A, Duration.ofSeconds(5), "ip", "link", "show", "dev", IPVLAN).ok())
                    .as("A deleted its ipvlan").isFalse();
            topo.exec(CLIENT, Duration.ofSeconds(5), "ip", "neigh", "flush", "to", VIP).orThrow();
            assertThat(pingVip(topo)).as("client reaches the VIP on B").isTrue();
            capture.stop();

            List<String> sources = capture.tshark("-Y", "vrrp", "-T", "fields", "-e", "ip.src");
            assertThat(sources).as("adverts of both masters, from their ipvlan addresses").contains(ADDRESS_A, ADDRESS_B)
                    .allMatch(s -> s.equals(ADDRESS_A) || s.equals(ADDRESS_B));
            assertThat(a.log()).contains("(VI_1) Success creating ipvlan interface " + IPVLAN)
                    .contains("(VI_1) Removed ipvlan interface " + IPVLAN).doesNotContain("Exception");
            assertThat(b.log()).doesNotContain("Exception");
        }
    }

    private static String ipvlanLink(Topology topo, int host) {
        return topo.exec(host, Duration.ofSeconds(5), "ip", "-d", "-o", "link", "show", "dev", IPVLAN).orThrow()
                .stdout();
    }

    private static String ipvlanAddresses(Topology topo, int host) {
        return topo.exec(host, Duration.ofSeconds(5), "ip", "-o", "addr", "show", "dev", IPVLAN).stdout();
    }

    /** Polls (every 50 ms, at most 5 s) for the VIP on the host's ipvlan. */
    private static boolean waitForVip(Topology topo, int host, boolean present) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ipvlanAddresses(topo, host).contains("inet " + VIP_CIDR + " ") != present) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean pingVip(Topology topo) {
        return topo.exec(CLIENT, Duration.ofSeconds(10), "ping", "-c", "1", "-w", "5", VIP).ok();
    }
}
