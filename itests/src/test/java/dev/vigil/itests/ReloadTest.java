package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * SIGHUP reloads keepalived.conf in a running daemon, as keepalived does, and touches only what
 * changed. Router A (host 1) is MASTER, router B (host 2) BACKUP, a client (host 3) captures the
 * adverts: what the wire shows is what the network saw.
 */
class ReloadTest {

    private static final String VIP = "198.51.100.100/24";
    private static final String VIP2 = "198.51.100.101/24";
    private static final int A = 1, B = 2, CLIENT = 3;
    private static final double ADVERT = 1.0;
    /** Scheduling jitter of one advert timer, far below anything a reset timer would show. */
    private static final double SLACK = 0.1;
    private static final Duration START = Duration.ofSeconds(30);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    private static Instance vi1(String state, int priority) {
        return new Instance("VI_1", state, 51, priority, "1", 2, VIP, "");
    }

    @Test
    void twentyReloadsOfAnUnchangedConfigChangeNoStateAndLeaveNoAdvertGap() throws Exception {
        Path dir = VrrpPeers.workDir("reload-unchanged");
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 150)));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b", List.of(vi1("BACKUP", 100)));
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("client.pcap"));
            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", START);
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", START);
            Thread.sleep(1500); // a few adverts before the first reload

            double firstReload = now();
            for (int i = 1; i <= 20; i++) {
                a.signal("HUP");
                awaitCount(a, "Reload finished", i, Duration.ofSeconds(10));
                Thread.sleep(250);
            }
            double lastReload = now();
            Thread.sleep(1500);
            capture.stop();

            assertThat(count(a.log(), "Reloading ...")).isEqualTo(20);
            assertThat(count(a.log(), "0 created, 0 updated, 1 unchanged, 0 deleted")).as(a.log())
                    .isEqualTo(20);
            assertThat(sinceFirstReload(a.log())).as("A: no state change").doesNotContain("Entering ")
                    .doesNotContain("Exception");
            assertThat(b.log()).as("B never took over").doesNotContain("Entering MASTER STATE");
            assertThat(topo.addresses(A)).contains(VIP);

            String ipA = topo.address(A).getHostAddress();
            List<Wire.Advert> fromA = Wire.adverts(capture).stream()
                    .filter(ad -> ad.source().equals(ipA) && ad.time() >= firstReload - 1.5
                            && ad.time() <= lastReload + 1.5)
                    .toList();
            assertThat(fromA).hasSizeGreaterThan(5);
            assertThat(fromA).allSatisfy(ad -> assertThat(ad.priority()).isEqualTo(150));
            double maxGap = maxGap(fromA);
            System.out.printf("reload: 20 SIGHUPs over %.1f s, %d adverts, longest gap %.1f ms%n",
                    lastReload - firstReload, fromA.size(), maxGap * 1000);
            assertThat(maxGap).as("longest gap between A's adverts").isLessThanOrEqualTo(ADVERT + SLACK);
        } finally {
            System.out.println("logs in " + dir);
        }
    }

    @Test
    void aChangedPriorityIsAppliedInPlaceWithoutATransition() throws Exception {
        Path dir = VrrpPeers.workDir("reload-priority");
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 150)));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b", List.of(vi1("BACKUP", 100)));
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("client.pcap"));
            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", START);
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", START);

            VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 200)));
            double reloaded = now();
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "0 created, 1 updated, 0 unchanged, 0 deleted", Duration.ofSeconds(10));
            // B's priority rises too, still below A's: no preemption is due
            VrrpPeers.writeConfig(dir, "b.conf", "router-b", List.of(vi1("BACKUP", 120)));
            b.signal("HUP");
            VrrpPeers.awaitLog(b, "0 created, 1 updated, 0 unchanged, 0 deleted", Duration.ofSeconds(10));
            Thread.sleep(2500);
            capture.stop();

            String ipA = topo.address(A).getHostAddress();
            List<Wire.Advert> after = Wire.adverts(capture).stream()
                    .filter(ad -> ad.source().equals(ipA) && ad.time() > reloaded + 0.5).toList();
            assertThat(after).isNotEmpty().allSatisfy(ad -> assertThat(ad.priority()).isEqualTo(200));
            assertThat(sinceFirstReload(a.log())).as("A stays MASTER").doesNotContain("Entering ");
            assertThat(sinceFirstReload(b.log())).as("B stays BACKUP").doesNotContain("Entering ");
            assertThat(b.log()).doesNotContain("Entering MASTER STATE");
            assertThat(topo.addresses(A)).contains(VIP);
        } finally {
            System.out.println("logs in " + dir);
        }
    }

    @Test
    void aBrokenFileKeepsTheRunningConfigurationAndSaysWhyWithFileAndLine() throws Exception {
        Path dir = VrrpPeers.workDir("reload-broken");
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 150)));
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("client.pcap"));
            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", START);

            // line 8 of the written file is "priority 300"
            VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 300)));
            String file = confA.toRealPath().toString();
            assertThat(Files.readAllLines(confA).get(7).strip()).isEqualTo("priority 300");
            double reloaded = now();
            a.signal("HUP");
            VrrpPeers.awaitLog(a, file + ":8: error: invalid priority '300': must be an integer between 1 and 255",
                    Duration.ofSeconds(10));
            VrrpPeers.awaitLog(a, "Reload failed: " + file + " was not applied", Duration.ofSeconds(5));
            Thread.sleep(2500);
            capture.stop();

            String ipA = topo.address(A).getHostAddress();
            List<Wire.Advert> after = Wire.adverts(capture).stream()
                    .filter(ad -> ad.source().equals(ipA) && ad.time() > reloaded).toList();
            assertThat(after).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(ad -> assertThat(ad.priority()).isEqualTo(150));
            assertThat(maxGap(after)).isLessThanOrEqualTo(ADVERT + SLACK);
            assertThat(sinceFirstReload(a.log())).doesNotContain("Entering ");
            assertThat(topo.addresses(A)).contains(VIP);
        } finally {
            System.out.println("logs in " + dir);
        }
    }

    @Test
    void anAddedInstanceStartsAndARemovedMasterResignsWithPriorityZero() throws Exception {
        Path dir = VrrpPeers.workDir("reload-add-remove");
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 150)));
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("client.pcap"));
            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", START);

            Instance vi2 = new Instance("VI_2", "MASTER", 52, 150, "1", 2, VIP2, "");
            VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi1("MASTER", 150), vi2));
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "1 created, 0 updated, 1 unchanged, 0 deleted", Duration.ofSeconds(10));
            VrrpPeers.awaitLog(a, "(VI_2) Entering MASTER STATE", START);
            assertThat(topo.waitForAddress(A, VIP2, true, Duration.ofSeconds(5))).as("VI_2's VIP").isTrue();

            VrrpPeers.writeConfig(dir, "a.conf", "router-a", List.of(vi2));
            double removed = now();
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "0 created, 0 updated, 1 unchanged, 1 deleted", Duration.ofSeconds(10));
            assertThat(topo.waitForAddress(A, VIP, false, Duration.ofSeconds(5))).as("VI_1 released its VIP").isTrue();
            Thread.sleep(1500);
            capture.stop();

            assertThat(topo.addresses(A)).contains(VIP2);
            String ipA = topo.address(A).getHostAddress();
            List<Wire.Advert> zero = Wire.adverts(capture).stream()
                    .filter(ad -> ad.source().equals(ipA) && ad.time() >= removed && ad.priority() == 0).toList();
            assertThat(zero).as("VI_1's priority-0 advert").isNotEmpty();
            assertThat(count(a.log(), "(VI_2) Entering MASTER STATE")).isEqualTo(1);
            String master2 = "(VI_2) Entering MASTER STATE";
            assertThat(a.log().substring(a.log().indexOf(master2) + master2.length()))
                    .as("VI_2 stays MASTER through VI_1's removal").doesNotContain("(VI_2) Entering");
        } finally {
            System.out.println("logs in " + dir);
        }
    }

    /** The log from the first SIGHUP on: state lines before it are the start-up election. */
    private static String sinceFirstReload(String log) {
        int at = log.indexOf("Reloading ...");
        assertThat(at).as("a reload happened").isNotNegative();
        return log.substring(at);
    }

    private static double maxGap(List<Wire.Advert> adverts) {
        double max = 0;
        for (int i = 1; i < adverts.size(); i++) {
            max = Math.max(max, adverts.get(i).time() - adverts.get(i - 1).time());
        }
        return max;
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

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
