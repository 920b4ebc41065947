package dev.vigil.testing.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {

    @TempDir
    Path tmp;

    @Test
    void twoHostsPingEachOtherAndCloseLeavesNothingBehind() {
        Netns.assumeRoot();
        Topology net = Topology.create(2);
        List<String> ours = List.of(net.ns(1), net.ns(2), net.hubNs());
        try {
            assertThat(Netns.list()).containsAll(ours);
            assertThat(net.addresses(1)).contains("198.51.100.11/24");
            assertThat(net.addresses(2)).contains("198.51.100.12/24");

            Result oneToTwo = net.exec(1, Duration.ofSeconds(10), "ping", "-n", "-c", "1", "-w", "5", "198.51.100.12");
            Result twoToOne = net.exec(2, Duration.ofSeconds(10), "ping", "-n", "-c", "1", "-w", "5", "198.51.100.11");
            assertThat(oneToTwo.ok()).as(oneToTwo.describe()).isTrue();
            assertThat(twoToOne.ok()).as(twoToOne.describe()).isTrue();
            assertThat(oneToTwo.stdout()).contains("1 received");
        } finally {
            net.close();
        }
        assertThat(Netns.list()).doesNotContainAnyElementsOf(ours);
    }

    @Test
    void closeEndsTrackedProcessesByPid() {
        Proc sleeper;
        try (Topology net = Topology.create(1)) {
            sleeper = net.start(1, List.of("sh", "-c", "echo started; sleep 60"), tmp.resolve("sleep.log"));
            assertThat(sleeper.waitForLog("started", Duration.ofSeconds(5))).isTrue();
            assertThat(sleeper.alive()).isTrue();
        }
        assertThat(sleeper.alive()).isFalse();
        assertThat(ProcessHandle.of(sleeper.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void linkDownAndAddressPolling() {
        try (Topology net = Topology.create(1)) {
            net.exec(1, Duration.ofSeconds(5), "ip", "addr", "add", "198.51.100.100/32", "dev", "eth0").orThrow();
            assertThat(net.waitForAddress(1, "198.51.100.100/32", true, Duration.ofSeconds(1))).isTrue();
            net.exec(1, Duration.ofSeconds(5), "ip", "addr", "del", "198.51.100.100/32", "dev", "eth0").orThrow();
            assertThat(net.waitForAddress(1, "198.51.100.100/32", false, Duration.ofSeconds(1))).isTrue();

            net.linkDown(1);
            assertThat(net.exec(1, Duration.ofSeconds(5), "ip", "-o", "link", "show", "eth0").stdout()).contains("state DOWN");
            net.linkUp(1);
            assertThat(net.exec(1, Duration.ofSeconds(5), "ip", "-o", "link", "show", "eth0").stdout()).doesNotContain("state DOWN");
        }
    }

    @Test
    void captureSeesPingsOnTheWire() {
        try (Topology net = Topology.create(2)) {
            Capture cap = net.capture(2, "icmp", tmp.resolve("icmp.pcap"));
            net.exec(1, Duration.ofSeconds(10), "ping", "-n", "-c", "2", "-i", "0.2", "-w", "5", "198.51.100.12").orThrow();
            cap.stop();
            assertThat(cap.process().alive()).isFalse();
            List<String> sources = cap.tshark("-Y", "icmp.type == 8", "-T", "fields", "-e", "ip.src");
            assertThat(sources).hasSizeGreaterThanOrEqualTo(2).allMatch("198.51.100.11"::equals);
        }
    }

    @Test
    void theShutdownHookCleansUpWhenCloseIsNeverCalled() {
        Netns.assumeRoot();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = Netns.run(Duration.ofSeconds(60), java, "-cp", System.getProperty("java.class.path"),
                LeakyMain.class.getName(), tmp.resolve("leaky.log").toString());
        assertThat(r.ok()).as(r.describe()).isTrue();
        String[] printed = r.stdout().strip().split(" ");
        assertThat(printed).hasSize(4);
        assertThat(Netns.list()).doesNotContain(printed[0], printed[1], printed[2]);
        assertThat(ProcessHandle.of(Long.parseLong(printed[3])).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void namesAreShortUniqueAndAddressesFollowTheHostNumber() {
        try (Topology a = Topology.create(1); Topology b = Topology.create(1)) {
            assertThat(a.ns(1)).isNotEqualTo(b.ns(1)).matches("vg[a-z0-9]{5}-h1");
            assertThat(a.bridgePort(1).length()).isLessThanOrEqualTo(15);
            assertThat(a.address(1).getHostAddress()).isEqualTo("198.51.100.11");
            assertThat(a.iface()).isEqualTo("eth0");
            assertThat(a.mac(1)).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        }
    }
}
