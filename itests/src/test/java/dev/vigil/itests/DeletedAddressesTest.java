package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * keepalived's tracking of what it installed, with the assembled daemon on two hosts: someone
 * deleting the MASTER's VIP makes it resign and take the VIP back at once; a {@code no_track}
 * address may go; a deleted static route comes back; the daemon's own deletions (stopping) do
 * not count as someone else's.
 */
class DeletedAddressesTest {

    private static final String VIP_CIDR = "198.51.100.100/24";
    private static final String UNTRACKED_CIDR = "203.0.113.51/24";
    private static final String EXTRAS = """
                virtual_ipaddress_excluded {
                    %s no_track
                }
            """.formatted(UNTRACKED_CIDR);
    private static final String STATICS = """
            static_routes {
                blackhole 203.0.113.128/25
            }
            """;
    private static final String RESIGNED = "(VI_1) VIP 198.51.100.100/24 dev eth0 deleted while MASTER; leaving MASTER"
            + " to take it back";
    private static final int A = 1, B = 2;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void aDeletedVipIsTakenBackANoTrackOneIsNotAndADeletedStaticRouteIsRestored() throws IOException {
        Path dir = VrrpPeers.workDir("deleted-addresses");
        try (Topology topo = Topology.create(2)) {
            Path confA = withStatics(VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 150, "1", 2, VIP_CIDR, EXTRAS))));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 100, "1", 2, VIP_CIDR, EXTRAS)));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(A, UNTRACKED_CIDR, true, Duration.ofSeconds(2))).isTrue();

            // someone deletes the VIP: A resigns and is MASTER again with it within a few adverts
            ip(topo, A, "addr", "del", VIP_CIDR, "dev", Topology.IFACE);
            VrrpPeers.awaitLog(a, RESIGNED, Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(5))).as("VIP back on A").isTrue();
            awaitCount(a, "(VI_1) Entering MASTER STATE", 2);
            assertThat(a.log()).contains("(VI_1) Entering BACKUP STATE");
            assertThat(topo.addresses(B)).doesNotContain(VIP_CIDR);

            // a no_track address may go: A stays MASTER and leaves it gone
            ip(topo, A, "addr", "del", UNTRACKED_CIDR, "dev", Topology.IFACE);
            sleep(Duration.ofSeconds(3));
            assertThat(count(a.log(), "deleted while MASTER")).as("no second resignation").isEqualTo(1);
            assertThat(count(a.log(), "(VI_1) Entering MASTER STATE")).as("still MASTER since").isEqualTo(2);
            assertThat(topo.addresses(A)).doesNotContain(UNTRACKED_CIDR);

            // a static route someone deletes is put back
            ip(topo, A, "route", "del", "blackhole", "203.0.113.128/25");
            VrrpPeers.awaitLog(a, "Restoring deleted static route blackhole 203.0.113.128/25", Duration.ofSeconds(5));
            assertThat(ip(topo, A, "route", "show", "203.0.113.128/25"))
                    .containsExactly("blackhole 203.0.113.128/25 proto keepalived");

            // A's own deletions when it stops are not someone else's
            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            assertThat(count(a.log(), "deleted while MASTER")).isEqualTo(1);
            assertThat(count(a.log(), "Restoring deleted")).isEqualTo(1);
            assertThat(a.log()).doesNotContain("Exception");
            assertThat(topo.waitForAddress(B, VIP_CIDR, true, Duration.ofSeconds(5))).as("B takes over").isTrue();
        }
    }

    @Test
    void aStaticTrackGroupsInstancesAreInFaultWhileTheStaticsInterfaceIsDownAndItsRouteComesBack()
            throws IOException {
        Path dir = VrrpPeers.workDir("track-group");
        try (Topology topo = Topology.create(1)) {
            // a veth pair inside the host (no dummy driver everywhere): vgtg0 carries the statics
            ip(topo, A, "link", "add", "vgtg0", "type", "veth", "peer", "name", "vgtg1");
            ip(topo, A, "link", "set", "vgtg1", "up");
            ip(topo, A, "link", "set", "vgtg0", "up");
            Path conf = VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 150, "1", 2, VIP_CIDR, "")));
            Files.writeString(conf, """
                    track_group TG1 {
                        group {
                            VI_1
                        }
                    }
                    static_ipaddress {
                        203.0.113.9/24 dev vgtg0 track_group TG1
                    }
                    static_routes {
                        198.51.100.128/25 dev vgtg0 track_group TG1
                    }
                    """, StandardOpenOption.APPEND);

            Proc a = VrrpPeers.startVigil(topo, A, conf, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            assertThat(ip(topo, A, "route", "show", "198.51.100.128/25"))
                    .containsExactly("198.51.100.128/25 dev vgtg0 proto keepalived");

            ip(topo, A, "link", "set", "vgtg0", "down");
            VrrpPeers.awaitLog(a, "(VI_1) Entering FAULT STATE", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(A, VIP_CIDR, false, Duration.ofSeconds(2))).as("VIP released").isTrue();

            ip(topo, A, "link", "set", "vgtg0", "up");
            VrrpPeers.awaitLog(a, "Restoring deleted static route 198.51.100.128/25 dev vgtg0", Duration.ofSeconds(5));
            awaitCount(a, "(VI_1) Entering MASTER STATE", 2);
            assertThat(ip(topo, A, "route", "show", "198.51.100.128/25"))
                    .containsExactly("198.51.100.128/25 dev vgtg0 proto keepalived");
            assertThat(a.log()).doesNotContain("Exception");
        }
    }

    /** Polls A's log, at most 10 s, every 100 ms, until {@code text} appears {@code times} times. */
    private static void awaitCount(Proc p, String text, int times) {
        for (int i = 0; i < 100 && count(p.log(), text) < times; i++) {
            sleep(Duration.ofMillis(100));
        }
        assertThat(count(p.log(), text)).as("'" + text + "' in\n" + p.log()).isEqualTo(times);
    }

    private static int count(String log, String text) {
        int n = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) {
            n++;
        }
        return n;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path withStatics(Path conf) throws IOException {
        return Files.writeString(conf, STATICS, StandardOpenOption.APPEND);
    }

    private static List<String> ip(Topology topo, int host, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return topo.exec(host, Duration.ofSeconds(5), cmd).orThrow().stdout().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }
}
