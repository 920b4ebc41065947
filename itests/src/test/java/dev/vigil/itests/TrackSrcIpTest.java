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
 * keepalived's {@code track_src_ip} on a real Vigil in a namespace: the instance whose
 * {@code mcast_src_ip} someone removes from its interface goes FAULT and releases its VIP, and
 * becomes MASTER again once the address is back; the instance next to it, without
 * {@code track_src_ip}, carries on.
 */
class TrackSrcIpTest {

    private static final String SOURCE = "198.51.100.200";
    private static final String VIP_TRACKING = "198.51.100.120/24";
    private static final String VIP_OTHER = "198.51.100.121/24";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void theInstanceIsFaultWhileItsSourceAddressIsGone() {
        Path dir = VrrpPeers.workDir("track-src-ip");
        try (Topology topo = Topology.create(1)) {
            ip(topo, "addr", "add", SOURCE + "/24", "dev", Topology.IFACE);
            Path conf = VrrpPeers.writeConfig(dir, "r1.conf", "router-1", List.of(
                    new VrrpPeers.Instance("VI_SRC", "MASTER", 70, 150, "1", 2, VIP_TRACKING,
                            "    mcast_src_ip " + SOURCE + "\n    track_src_ip"),
                    new VrrpPeers.Instance("VI_OTHER", "MASTER", 71, 150, "1", 2, VIP_OTHER,
                            "    mcast_src_ip " + SOURCE)));
            Proc vigil = VrrpPeers.startVigil(topo, 1, conf, dir);
            VrrpPeers.awaitLog(vigil, "(VI_SRC) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(vigil, "(VI_OTHER) Entering MASTER STATE", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(1, VIP_TRACKING, true, WAIT)).isTrue();

            ip(topo, "addr", "del", SOURCE + "/24", "dev", Topology.IFACE);

            VrrpPeers.awaitLog(vigil, "(VI_SRC) src address " + SOURCE + " not configured on " + Topology.IFACE, WAIT);
            VrrpPeers.awaitLog(vigil, "(VI_SRC) Entering FAULT STATE", WAIT);
            assertThat(topo.waitForAddress(1, VIP_TRACKING, false, WAIT)).isTrue();
            assertThat(vigil.log()).doesNotContain("(VI_OTHER) Entering FAULT STATE");

            ip(topo, "addr", "add", SOURCE + "/24", "dev", Topology.IFACE);

            VrrpPeers.awaitLog(vigil, "(VI_SRC) src address " + SOURCE + " back on " + Topology.IFACE, WAIT);
            assertThat(awaitCount(vigil, "(VI_SRC) Entering MASTER STATE", 2, Duration.ofSeconds(20)))
                    .as("MASTER again").isTrue();
            assertThat(topo.waitForAddress(1, VIP_TRACKING, true, WAIT)).isTrue();
            assertThat(vigil.log()).doesNotContain("Exception");
        }
    }

    @Test
    void anInstanceWhoseSourceAddressIsMissingAtTheStartIsFaultUntilItComes() {
        Path dir = VrrpPeers.workDir("track-src-ip-start");
        try (Topology topo = Topology.create(1)) {
            Path conf = VrrpPeers.writeConfig(dir, "r1.conf", "router-1", List.of(
                    new VrrpPeers.Instance("VI_SRC", "MASTER", 70, 150, "1", 2, VIP_TRACKING,
                            "    mcast_src_ip " + SOURCE + "\n    track_src_ip")));
            Proc vigil = VrrpPeers.startVigil(topo, 1, conf, dir);

            VrrpPeers.awaitLog(vigil, "(VI_SRC) src address " + SOURCE + " not configured on " + Topology.IFACE,
                    Duration.ofSeconds(20));
            assertThat(vigil.log()).doesNotContain("(VI_SRC) Entering MASTER STATE");
            assertThat(topo.addresses(1)).doesNotContain(VIP_TRACKING);

            ip(topo, "addr", "add", SOURCE + "/24", "dev", Topology.IFACE);

            VrrpPeers.awaitLog(vigil, "(VI_SRC) src address " + SOURCE + " back on " + Topology.IFACE, WAIT);
            VrrpPeers.awaitLog(vigil, "(VI_SRC) Entering MASTER STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(1, VIP_TRACKING, true, WAIT)).isTrue();
            assertThat(vigil.log()).doesNotContain("Exception");
        }
    }

    private static void ip(Topology topo, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        topo.exec(1, Duration.ofSeconds(5), cmd).orThrow();
    }

    /** Polls (50 ms) until {@code text} is in the log {@code times} times, at most {@code timeout}. */
    private static boolean awaitCount(Proc p, String text, int times, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (p.log().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
