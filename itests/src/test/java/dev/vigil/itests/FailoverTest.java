package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;
import dev.vigil.testing.scenario.Wire;

/**
 * Two Vigil routers with the seed's priorities (100 and 99, advert 1 s) and a client on one
 * bridge. Timings are read from a capture on the client, as a user of the VIP would see them.
 */
class FailoverTest {

    private static final String VIP = "198.51.100.100";
    private static final String VIP_CIDR = VIP + "/24";
    private static final int A = 1, B = 2, CLIENT = 3;
    private static final double ADVERT = 1.0;
    private static final double SKEW_B = (256 - 99) / 256.0;
    private static final double MASTER_DOWN_B = 3 * ADVERT + SKEW_B;
    private static final double SLACK = 0.100;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void electsFailsOverOnKillPreemptsBackAndHandsOverOnSigterm() {
        Path dir = VrrpPeers.workDir("failover");
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 100, "1", 2, VIP_CIDR, "")));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 99, "1", 2, VIP_CIDR, "")));
            Capture capture = topo.capture(CLIENT, "arp or ip proto 112", dir.resolve("client.pcap"));

            // 1. initial election: the higher priority holds the VIP
            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(2))).as("VIP on A").isTrue();
            assertThat(topo.addresses(B)).doesNotContain(VIP_CIDR);

            // 2. kill -9 of the master and its link down: B takes over after Master_Down_Interval
            double killedAt = now();
            a.signal("KILL");
            topo.linkDown(A);
            assertThat(a.waitFor(Duration.ofSeconds(5))).isTrue();
            assertThat(topo.waitForAddress(B, VIP_CIDR, true, Duration.ofSeconds(10))).as("VIP on B").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(2));

            // 3. A comes back and preempts (100 > 99)
            topo.linkUp(A);
            double restartedAt = now();
            Proc a2 = VrrpPeers.startVigil(topo, A, confA, dir.resolve("restart"));
            VrrpPeers.awaitLog(a2, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(2))).isTrue();
            assertThat(topo.waitForAddress(B, VIP_CIDR, false, Duration.ofSeconds(3))).as("B released").isTrue();

            // 4. SIGTERM of the master: priority 0 advert, B takes over within Skew_Time
            double termAt = now();
            a2.signal("TERM");
            assertThat(a2.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            assertThat(topo.waitForAddress(B, VIP_CIDR, true, Duration.ofSeconds(5))).isTrue();
            assertThat(topo.addresses(A)).as("A removed its VIP on the way out").doesNotContain(VIP_CIDR);
            capture.stop();

            List<Wire.Advert> adverts = Wire.adverts(capture);
            List<Wire.Garp> garps = Wire.garps(capture, VIP);
            String ipA = topo.address(A).getHostAddress();
            String macB = topo.mac(B);

            // kill -9: A's last advert (the last before B's first; the kill races with A's timer)
            // → B's first gratuitous ARP
            String ipB = topo.address(B).getHostAddress();
            double takeover = adverts.stream().filter(ad -> ad.source().equals(ipB) && ad.time() >= killedAt)
                    .mapToDouble(Wire.Advert::time).min().orElseThrow();
            double lastA = adverts.stream().filter(ad -> ad.source().equals(ipA) && ad.time() < takeover)
                    .mapToDouble(Wire.Advert::time).max().orElseThrow();
            double garpB = firstGarp(garps, macB, killedAt).orElseThrow();
            report("kill -9 + link down, first advert of B", takeover - lastA, MASTER_DOWN_B);
            double detect = garpB - lastA;
            report("kill -9 + link down", detect, MASTER_DOWN_B);
            assertThat(detect).as("takeover after kill, from A's last advert").isBetween(MASTER_DOWN_B - 0.02,
                    MASTER_DOWN_B + SLACK);
            assertThat(garpB - killedAt).isLessThanOrEqualTo(MASTER_DOWN_B + SLACK);

            // preempt back: A's gratuitous ARP after the restart
            assertThat(firstGarp(garps, topo.mac(A), restartedAt)).as("A announced the VIP after preempting").isPresent();

            // SIGTERM: A's priority-0 advert → B's gratuitous ARP within Skew_Time
            double zero = adverts.stream().filter(ad -> ad.source().equals(ipA) && ad.priority() == 0
                    && ad.time() >= termAt).mapToDouble(Wire.Advert::time).min().orElseThrow();
            double handover = firstGarp(garps, macB, zero).orElseThrow() - zero;
            report("SIGTERM", handover, SKEW_B);
            assertThat(handover).as("takeover after priority 0").isLessThanOrEqualTo(SKEW_B + SLACK);
            assertThat(b.log()).contains("(VI_1) Backup received priority 0 advertisement");
            assertThat(a2.log()).doesNotContain("Exception");
        }
    }

    private static Optional<Double> firstGarp(List<Wire.Garp> garps, String mac, double after) {
        return garps.stream().filter(g -> g.mac().equalsIgnoreCase(mac) && g.time() >= after)
                .map(Wire.Garp::time).min(Double::compare);
    }

    private static void report(String what, double seconds, double expected) {
        System.out.printf("failover %s: %.1f ms (expected %.1f ms)%n", what, seconds * 1000, expected * 1000);
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
