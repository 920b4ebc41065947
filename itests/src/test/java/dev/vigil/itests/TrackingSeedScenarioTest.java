package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;
import dev.vigil.testing.scenario.VrrpPeers.Instance;
import dev.vigil.testing.scenario.Wire;

/**
 * The seed's tracking example end to end: MASTER priority 100 and BACKUP 99, both tracking
 * {@code vrrp_script chk_nginx { script "pidof nginx" interval 2 weight 2 }}. Each router's
 * "nginx" is a stand-in ({@code sleep} under a name of its own, as {@code exec -a} gives it:
 * both routers share one PID namespace, so each checks its own name). Killing the stand-in on
 * the MASTER takes its priority from 102 to 100, below the BACKUP's 101, and the VIP moves;
 * restarting it gives 102 again and the first router preempts back. A client captures the
 * adverts: the priorities are read from the wire too.
 */
class TrackingSeedScenarioTest {

    private static final String VIP = "198.51.100.100";
    private static final String VIP_CIDR = VIP + "/24";
    private static final int A = 1, B = 2, CLIENT = 3;
    private static final Duration START = Duration.ofSeconds(30);
    /** Up to one script interval (2 s) to notice, then Master_Down_Interval (3.6 s), with room for a busy host. */
    private static final Duration MOVE = Duration.ofSeconds(20);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void killingNginxOnTheMasterMovesTheVipAndRestartingItMovesItBack() throws Exception {
        Path dir = VrrpPeers.workDir("tracking-seed");
        String tag = tag();
        String nginxA = "vigil-nginx-" + tag + "a";
        String nginxB = "vigil-nginx-" + tag + "b";
        try (Topology topo = Topology.create(3)) {
            Path confA = config(dir, "a.conf", "router-a", nginxA, new Instance("VI_1", "MASTER", 51, 100, "1", 2, VIP_CIDR,
                    "    track_script {\n        chk_nginx\n    }"));
            Path confB = config(dir, "b.conf", "router-b", nginxB, new Instance("VI_1", "BACKUP", 51, 99, "1", 2, VIP_CIDR,
                    "    track_script {\n        chk_nginx\n    }"));
            Proc standInA = standIn(topo, A, nginxA, dir.resolve("nginx-a.log"));
            standIn(topo, B, nginxB, dir.resolve("nginx-b.log"));
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("client.pcap"));

            // 1. both scripts succeed: 102 against 101, the VIP on A
            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "VRRP_Script(chk_nginx) succeeded", START);
            VrrpPeers.awaitLog(a, "(VI_1) Changing effective priority from 100 to 102", START);
            VrrpPeers.awaitLog(b, "VRRP_Script(chk_nginx) succeeded", START);
            VrrpPeers.awaitLog(b, "(VI_1) Changing effective priority from 99 to 101", START);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", START);
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", START);
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(5))).as("VIP on A").isTrue();
            assertThat(topo.addresses(B)).doesNotContain(VIP_CIDR);
            Thread.sleep(2500); // adverts at 102 on the wire

            // 2. nginx dies on A: 102 -> 100 < 101, the VIP moves to B
            double killedAt = now();
            standInA.signal("KILL");
            assertThat(standInA.waitFor(Duration.ofSeconds(5))).isTrue();
            VrrpPeers.awaitLog(a, "VRRP_Script(chk_nginx) failed", MOVE);
            VrrpPeers.awaitLog(a, "(VI_1) Changing effective priority from 102 to 100", MOVE);
            assertThat(topo.waitForAddress(B, VIP_CIDR, true, MOVE)).as("VIP moved to B").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(5));
            VrrpPeers.awaitLog(a, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(A, VIP_CIDR, false, Duration.ofSeconds(5))).as("A released it").isTrue();
            Thread.sleep(2500);

            // 3. nginx is back on A: 102 > 101, A preempts
            double restartedAt = now();
            standIn(topo, A, nginxA, dir.resolve("nginx-a2.log"));
            awaitCount(a, "VRRP_Script(chk_nginx) succeeded", 2, MOVE);
            awaitCount(a, "(VI_1) Changing effective priority from 100 to 102", 2, MOVE);
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, MOVE)).as("VIP back on A").isTrue();
            awaitCount(a, "(VI_1) Entering MASTER STATE", 2, Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(B, VIP_CIDR, false, Duration.ofSeconds(5))).as("B released it").isTrue();
            Thread.sleep(2500);
            capture.stop();

            // the wire: A at 102, then 100 after the kill (until it stepped down), then 102 again; B at 101
            String ipA = topo.address(A).getHostAddress();
            String ipB = topo.address(B).getHostAddress();
            List<Wire.Advert> adverts = Wire.adverts(capture);
            assertThat(adverts).filteredOn(ad -> ad.source().equals(ipA) && ad.time() > killedAt - 2.0
                    && ad.time() < killedAt).extracting(Wire.Advert::priority).isNotEmpty().containsOnly(102);
            // after the kill: 102 until the script notices, then 100 until B's 101 sends A to BACKUP
            String afterKill = priorities(adverts, ipA, killedAt, restartedAt);
            assertThat(afterKill).matches("(102 )*(100 )+");
            assertThat(adverts).filteredOn(ad -> ad.source().equals(ipB)).extracting(Wire.Advert::priority)
                    .isNotEmpty().containsOnly(101);
            assertThat(adverts).filteredOn(ad -> ad.source().equals(ipA) && ad.time() > restartedAt)
                    .extracting(Wire.Advert::priority).isNotEmpty().containsOnly(102);
            assertThat(a.log()).doesNotContain("Exception");
            assertThat(b.log()).doesNotContain("Exception");
        }
    }

    /** The seed's vrrp_script, checking this router's own stand-in. */
    private static Path config(Path dir, String file, String routerId, String nginx, Instance instance)
            throws IOException {
        String text = "global_defs {\n    router_id " + routerId + "\n}\n"
                + "vrrp_script chk_nginx {\n"
                + "    script \"pidof " + nginx + "\"\n"
                + "    interval 2\n"
                + "    weight 2\n"
                + "}\n"
                + instance.text(Topology.IFACE);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(file), text);
    }

    /** {@code sleep} named {@code name} in host {@code host}, started by the topology (which ends it by PID). */
    private static Proc standIn(Topology topo, int host, String name, Path log) throws InterruptedException {
        Proc p = topo.start(host, List.of("bash", "-c", "exec -a " + name + " sleep 1000"), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!topo.exec(host, Duration.ofSeconds(5), "pidof", name).ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stand-in " + name + " not running: " + p.log());
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static String priorities(List<Wire.Advert> adverts, String source, double from, double to) {
        StringBuilder sb = new StringBuilder();
        for (Wire.Advert ad : adverts) {
            if (ad.source().equals(source) && ad.time() > from && ad.time() < to) {
                sb.append(ad.priority()).append(' ');
            }
        }
        return sb.toString();
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void awaitCount(Proc p, String text, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(p.log(), text) < n) {
            if (System.nanoTime() > deadline || !p.alive()) {
                throw new AssertionError("expected " + n + " x '" + text + "' in log of " + p + ":\n" + p.log());
            }
            Thread.sleep(20);
        }
    }

    private static String tag() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
