package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * keepalived's per-instance fault switches on a real Vigil in a namespace: {@code dont_track_primary}
 * keeps an instance MASTER with its VIP while its interface is down (the instance next to it, which
 * tracks the interface, goes FAULT and releases its VIP), and {@code unicast_fault_no_peer} holds an
 * instance without unicast peers in FAULT instead of letting it fall back to multicast.
 */
class InstanceFaultOptionsTest {

    private static final String VIP_UNTRACKED = "198.51.100.110/24";
    private static final String VIP_TRACKED = "198.51.100.111/24";
    private static final String VIP_NO_PEERS = "198.51.100.112/24";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void dontTrackPrimaryStaysMasterOnLinkDownAndNoPeersIsFault() {
        Path dir = VrrpPeers.workDir("fault-options");
        try (Topology topo = Topology.create(1)) {
            Path conf = VrrpPeers.writeConfig(dir, "r1.conf", "router-1", List.of(
                    new VrrpPeers.Instance("VI_UNTRACKED", "MASTER", 60, 150, "1", 2, VIP_UNTRACKED,
                            "    dont_track_primary"),
                    new VrrpPeers.Instance("VI_TRACKED", "MASTER", 61, 150, "1", 2, VIP_TRACKED, ""),
                    new VrrpPeers.Instance("VI_NO_PEERS", "MASTER", 62, 150, "1", 2, VIP_NO_PEERS,
                            "    unicast_src_ip " + topo.address(1).getHostAddress() + "\n    unicast_fault_no_peer")));
            Proc vigil = VrrpPeers.startVigil(topo, 1, conf, dir);

            VrrpPeers.awaitLog(vigil, "(VI_NO_PEERS) Cannot use unicast without any peers - going to fault state",
                    Duration.ofSeconds(20));
            // the start-up's own diagnostics reach the log although the loader runs before the log sinks
            assertThat(vigil.log()).contains("r1.conf:39: warning: vrrp_instance VI_NO_PEERS: unicast_fault_no_peer "
                    + "without any unicast_peer: the instance stays in FAULT");
            VrrpPeers.awaitLog(vigil, "(VI_UNTRACKED) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(vigil, "(VI_TRACKED) Entering MASTER STATE", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(1, VIP_UNTRACKED, true, WAIT)).isTrue();
            assertThat(topo.waitForAddress(1, VIP_TRACKED, true, WAIT)).isTrue();
            assertThat(topo.addresses(1)).as("an instance in FAULT holds no VIP")
                    .doesNotContain(VIP_NO_PEERS);
            assertThat(vigil.log()).doesNotContain("(VI_NO_PEERS) Entering MASTER STATE");

            topo.exec(1, Duration.ofSeconds(5), "ip", "link", "set", Topology.IFACE, "down").orThrow();

            VrrpPeers.awaitLog(vigil, "(VI_TRACKED) Entering FAULT STATE", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(1, VIP_TRACKED, false, WAIT)).isTrue();
            // the link events reach both instances together: the untracked one had its chance to react
            assertThat(vigil.log()).doesNotContain("(VI_UNTRACKED) Entering FAULT STATE");
            assertThat(topo.addresses(1)).as("dont_track_primary keeps the VIP")
                    .contains(VIP_UNTRACKED);
            assertThat(vigil.log()).doesNotContain("Exception");
        }
    }
}
