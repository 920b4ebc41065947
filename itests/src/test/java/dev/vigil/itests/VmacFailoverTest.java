package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * Two Vigil routers with {@code use_vmac} and a client on one bridge: the master's adverts and
 * gratuitous ARPs leave from the virtual MAC, the client reaches the VIP at that MAC before and
 * after a failover, and a stopped router deletes its VMAC.
 */
class VmacFailoverTest {

    private static final String VIP = "198.51.100.100";
    private static final String VIP_CIDR = VIP + "/24";
    private static final String VMAC = "vrrp.51";
    private static final String VIRTUAL_MAC = "00:00:5e:00:01:33";
    private static final int A = 1, B = 2, CLIENT = 3;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void advertsAndGarpsComeFromTheVirtualMacAndTheClientKeepsItAcrossAFailover() {
        Path dir = VrrpPeers.workDir("vmac-failover");
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 100, "1", 2, VIP_CIDR, "    use_vmac")));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 99, "1", 2, VIP_CIDR, "    use_vmac")));
            Capture capture = topo.capture(CLIENT, "arp or ip proto 112", dir.resolve("client.pcap"));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(vmacLink(topo, A)).contains(VMAC + "@eth0:", "link/ether " + VIRTUAL_MAC + " ",
                    "macvlan mode private");
            assertThat(vmacLink(topo, B)).as("the backup has its VMAC too").contains("link/ether " + VIRTUAL_MAC + " ");
            assertThat(waitForVmacAddress(topo, A, true)).as("VIP on A's VMAC").isTrue();
            assertThat(topo.addresses(A)).as("not on the base interface").doesNotContain(VIP_CIDR);
            assertThat(vmacAddresses(topo, B)).doesNotContain(VIP_CIDR);
            assertThat(pingVip(topo)).as("client reaches the VIP on A").isTrue();

            // SIGTERM of the master: B takes over, A deletes its VMAC on the way out
            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            assertThat(waitForVmacAddress(topo, B, true)).as("VIP on B's VMAC").isTrue();
            assertThat(topo.exec(A, Duration.ofSeconds(5), "ip", "link", "show", "dev", VMAC).ok())
                    .as("A deleted its VMAC").isFalse();
            flushClientNeighbour(topo);
            assertThat(pingVip(topo)).as("client reaches the VIP on B").isTrue();
            capture.stop();

            String ipA = topo.address(A).getHostAddress();
            String ipB = topo.address(B).getHostAddress();
            List<String[]> adverts = fields(capture, "vrrp", "eth.src", "ip.src");
            assertThat(adverts).as("adverts of both masters").anyMatch(f -> f[1].equals(ipA))
                    .anyMatch(f -> f[1].equals(ipB));
            assertThat(adverts).as("every advert from the virtual MAC, with the router's own address")
                    .allMatch(f -> f[0].equalsIgnoreCase(VIRTUAL_MAC));
            List<String[]> garps = fields(capture, "arp.isgratuitous == 1 && arp.src.proto_ipv4 == " + VIP,
                    "eth.src", "arp.src.hw_mac");
            assertThat(garps).as("gratuitous ARPs of both masters").hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(f -> f[0].equalsIgnoreCase(VIRTUAL_MAC) && f[1].equalsIgnoreCase(VIRTUAL_MAC));
            List<String[]> arpReplies = fields(capture, "arp.opcode == 2 && arp.src.proto_ipv4 == " + VIP,
                    "eth.src", "arp.src.hw_mac");
            assertThat(arpReplies).as("the VIP answers ARP with the virtual MAC only, on A and then on B")
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(f -> f[0].equalsIgnoreCase(VIRTUAL_MAC) && f[1].equalsIgnoreCase(VIRTUAL_MAC));
            assertThat(a.log()).contains("(VI_1) Success creating VMAC interface " + VMAC)
                    .contains("(VI_1) Removed VMAC interface " + VMAC).doesNotContain("Exception");
            assertThat(b.log()).doesNotContain("Exception");
        }
    }

    @Test
    void withVmacXmitBaseAdvertsLeaveFromTheBaseInterfaceAndGarpsFromTheVirtualMac() {
        Path dir = VrrpPeers.workDir("vmac-xmit-base");
        try (Topology topo = Topology.create(2)) {
            Path conf = VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(new VrrpPeers.Instance("VI_1",
                    "MASTER", 51, 100, "1", 2, VIP_CIDR, "    use_vmac\n    vmac_xmit_base")));
            Capture capture = topo.capture(2, "arp or ip proto 112", dir.resolve("client.pcap"));

            Proc a = VrrpPeers.startVigil(topo, A, conf, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            assertThat(waitForVmacAddress(topo, A, true)).as("VIP on A's VMAC").isTrue();
            VrrpPeers.awaitLog(a, "Sending gratuitous ARP on " + VMAC, Duration.ofSeconds(5));
            sleep(1500); // one more advert after the GARPs
            capture.stop();

            List<String[]> adverts = fields(capture, "vrrp", "eth.src");
            assertThat(adverts).as("adverts from the base interface's MAC").isNotEmpty()
                    .allMatch(f -> f[0].equalsIgnoreCase(topo.mac(A)));
            assertThat(fields(capture, "arp.isgratuitous == 1 && arp.src.proto_ipv4 == " + VIP, "eth.src"))
                    .as("GARPs from the VMAC").isNotEmpty().allMatch(f -> f[0].equalsIgnoreCase(VIRTUAL_MAC));
        }
    }

    private static String vmacLink(Topology topo, int host) {
        return topo.exec(host, Duration.ofSeconds(5), "ip", "-d", "-o", "link", "show", "dev", VMAC).orThrow()
                .stdout();
    }

    private static String vmacAddresses(Topology topo, int host) {
        return topo.exec(host, Duration.ofSeconds(5), "ip", "-o", "addr", "show", "dev", VMAC).stdout();
    }

    /** Polls (every 50 ms, at most 5 s) for the VIP on the host's VMAC. */
    private static boolean waitForVmacAddress(Topology topo, int host, boolean present) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (vmacAddresses(topo, host).contains("inet " + VIP_CIDR + " ") != present) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(50);
        }
        return true;
    }

    private static boolean pingVip(Topology topo) {
        return topo.exec(CLIENT, Duration.ofSeconds(10), "ping", "-c", "1", "-w", "5", VIP).ok();
    }

    /** Forgets the VIP's MAC, so the next ping asks for it again. */
    private static void flushClientNeighbour(Topology topo) {
        topo.exec(CLIENT, Duration.ofSeconds(5), "ip", "neigh", "flush", "to", VIP).orThrow();
    }

    /** {@code tshark -Y FILTER -T fields -e NAME...} of the capture, one array per packet. */
    private static List<String[]> fields(Capture capture, String displayFilter, String... names) {
        List<String> args = new ArrayList<>(List.of("-Y", displayFilter, "-T", "fields", "-E", "separator=|"));
        for (String name : names) {
            args.add("-e");
            args.add(name);
        }
        return capture.tshark(args.toArray(String[]::new)).stream().map(line -> line.split("\\|", -1)).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
