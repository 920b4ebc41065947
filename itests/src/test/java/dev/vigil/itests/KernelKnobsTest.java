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
 * keepalived's kernel knobs on a real Vigil in a namespace: {@code unicast_ttl} read off the wire
 * by tshark on the peer, the VIP option {@code peer} read back with {@code ip -o addr}, and
 * {@code promote_secondaries} read from the namespace's /proc/sys while the instance runs, after a
 * reload that drops it, one that brings it back, and after the daemon stopped.
 */
class KernelKnobsTest {

    private static final String PROMOTE = "/proc/sys/net/ipv4/conf/" + Topology.IFACE + "/promote_secondaries";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    private static String promoteSecondaries(Topology topo) {
        return topo.exec(1, Duration.ofSeconds(5), "cat", PROMOTE).orThrow().stdout().strip();
    }

    private static Path writeConfig(Path dir, Topology topo, String promote) {
        return VrrpPeers.writeConfig(dir, "r1.conf", "router-1", List.of(
                new VrrpPeers.Instance("VI_KNOBS", "MASTER", 70, 150, "1", 2, "198.51.100.120 peer 198.51.100.121/32",
                        "    unicast_src_ip " + topo.address(1).getHostAddress() + "\n"
                                + "    unicast_peer {\n        " + topo.address(2).getHostAddress() + "\n    }\n"
                                + "    unicast_ttl 64\n    kernel_rx_buf_size 262144" + promote)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unicastTtlPeerAndPromoteSecondariesReachTheKernel() {
        Path dir = VrrpPeers.workDir("kernel-knobs");
        try (Topology topo = Topology.create(2)) {
            topo.exec(1, Duration.ofSeconds(5), "sysctl", "-q", "-w",
                    "net.ipv4.conf." + Topology.IFACE + ".promote_secondaries=0").orThrow();
            Path conf = writeConfig(dir, topo, "\n    promote_secondaries");
            Proc vigil = null;
            try (Capture cap = topo.capture(2, "ip proto 112", dir.resolve("unicast-ttl.pcap"))) {
                vigil = VrrpPeers.startVigil(topo, 1, conf, dir);
                VrrpPeers.awaitLog(vigil, "(VI_KNOBS) Entering MASTER STATE", Duration.ofSeconds(20));
                // "inet 198.51.100.120 peer 198.51.100.121/32": the address stands alone
                assertThat(topo.waitForAddress(1, "198.51.100.120", true, WAIT)).isTrue();
                cap.stop();

                List<String> adverts = cap.tshark("-Y", "vrrp", "-T", "fields", "-E", "separator=,", "-e", "ip.ttl",
                        "-e", "ip.src", "-e", "ip.dst");
                assertThat(adverts).isNotEmpty().allMatch(("64," + topo.address(1).getHostAddress() + ","
                        + topo.address(2).getHostAddress())::equals);
                assertThat(topo.addressLines(1)).anyMatch(l -> l.contains("inet 198.51.100.120 peer 198.51.100.121/32 "));
                assertThat(promoteSecondaries(topo)).isEqualTo("1");
                assertThat(vigil.log()).doesNotContain("not implemented").doesNotContain("Exception");

                // a reload without it sets it back, the instance staying MASTER
                writeConfig(dir, topo, "");
                int before = vigil.log().length();
                vigil.signal("HUP");
                VrrpPeers.awaitLog(vigil, "0 created, 1 updated, 0 unchanged, 0 deleted", WAIT);
                for (int i = 0; i < 100 && !promoteSecondaries(topo).equals("0"); i++) {
                    sleep(50);
                }
                assertThat(promoteSecondaries(topo)).isEqualTo("0");
                assertThat(vigil.log().substring(before)).doesNotContain("Entering ");

                // and one with it again sets it again, until the daemon stops
                writeConfig(dir, topo, "\n    promote_secondaries");
                vigil.signal("HUP");
                for (int i = 0; i < 100 && !promoteSecondaries(topo).equals("1"); i++) {
                    sleep(50);
                }
                assertThat(promoteSecondaries(topo)).isEqualTo("1");
            } finally {
                if (vigil != null) {
                    vigil.stop(Duration.ofSeconds(10));
                }
            }
            // keepalived sets back what it changed when the instance stops
            assertThat(promoteSecondaries(topo)).isEqualTo("0");
            assertThat(topo.addressLines(1)).noneMatch(l -> l.contains("198.51.100.120"));
        }
    }
}
