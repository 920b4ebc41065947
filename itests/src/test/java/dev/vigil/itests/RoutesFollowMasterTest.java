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
 * The assembled daemon on two hosts: virtual_ipaddress_excluded, virtual_routes and virtual_rules
 * are installed by the MASTER only and move with it; static_routes are on both whatever their
 * state, follow a reload, and each daemon removes its own when it stops.
 */
class RoutesFollowMasterTest {

    private static final String VIP_CIDR = "198.51.100.100/24";
    private static final String EXTRAS = """
                virtual_ipaddress_excluded {
                    203.0.113.50/24
                }
                virtual_routes {
                    198.51.100.128/25 via 198.51.100.254 table 100
                }
                virtual_rules {
                    from 203.0.113.0/24 lookup 100 priority 100
                }
            """;
    private static final String STATICS = """
            static_routes {
                blackhole 203.0.113.128/25
            }
            """;
    private static final int A = 1, B = 2;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void theMasterHoldsTheExtrasBothHoldTheStaticsAndEachCleansUpOnStop() throws IOException {
        Path dir = VrrpPeers.workDir("routes");
        try (Topology topo = Topology.create(2)) {
            Path confA = withStatics(VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 100, "1", 2, VIP_CIDR, EXTRAS))));
            Path confB = withStatics(VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 99, "1", 2, VIP_CIDR, EXTRAS))));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(A, "203.0.113.50/24", true, Duration.ofSeconds(2))).isTrue();
            assertThat(virtualRoute(topo, A))
                    .containsExactly("198.51.100.128/25 via 198.51.100.254 dev eth0 table 100 proto keepalived");
            assertThat(ip(topo, A, "rule", "show", "priority", "100"))
                    .containsExactly("100:\tfrom 203.0.113.0/24 lookup 100 proto keepalived");
            assertThat(topo.addresses(B)).doesNotContain("203.0.113.50/24");
            assertThat(virtualRoute(topo, B)).isEmpty();
            assertThat(ip(topo, B, "rule", "show", "priority", "100")).isEmpty();
            for (int host : new int[] {A, B}) {
                assertThat(ip(topo, host, "route", "show", "203.0.113.128/25"))
                        .containsExactly("blackhole 203.0.113.128/25 proto keepalived");
            }

            // a reload that changes B's static route replaces it; one that drops the block removes it
            Files.writeString(confB, Files.readString(confB).replace("203.0.113.128/25", "203.0.113.192/26"));
            b.signal("HUP");
            VrrpPeers.awaitLog(b, "Reload finished", Duration.ofSeconds(10));
            awaitRoutes(topo, B, "203.0.113.128/25");
            awaitRoutes(topo, B, "203.0.113.192/26", "blackhole 203.0.113.192/26 proto keepalived");
            Files.writeString(confB, Files.readString(confB).replace(STATICS.replace("203.0.113.128/25",
                    "203.0.113.192/26"), ""));
            b.signal("HUP");
            awaitRoutes(topo, B, "203.0.113.192/26");
            assertThat(ip(topo, A, "route", "show", "203.0.113.128/25")).as("A untouched").hasSize(1);

            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            assertThat(topo.waitForAddress(B, "203.0.113.50/24", true, Duration.ofSeconds(5))).isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(2));
            assertThat(virtualRoute(topo, B))
                    .containsExactly("198.51.100.128/25 via 198.51.100.254 dev eth0 table 100 proto keepalived");
            assertThat(ip(topo, B, "rule", "show", "priority", "100"))
                    .containsExactly("100:\tfrom 203.0.113.0/24 lookup 100 proto keepalived");
            assertThat(topo.addresses(A)).doesNotContain("203.0.113.50/24", VIP_CIDR);
            assertThat(virtualRoute(topo, A)).isEmpty();
            assertThat(ip(topo, A, "rule", "show", "priority", "100")).isEmpty();
            assertThat(ip(topo, A, "route", "show", "203.0.113.128/25")).as("A's statics gone with it").isEmpty();
            assertThat(a.log()).doesNotContain("Exception").doesNotContain("cannot add");
        }
    }

    /**
     * ConfigAdmin hands a changed or deleted configuration to the component asynchronously, after
     * "Reload finished": polls, at most 5 s, every 50 ms, until {@code prefix}'s routes are {@code expected}.
     */
    private static void awaitRoutes(Topology topo, int host, String prefix, String... expected) {
        for (int i = 0; i < 100 && !ip(topo, host, "route", "show", prefix).equals(List.of(expected)); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(ip(topo, host, "route", "show", prefix)).as(prefix + " on host " + host).containsExactly(expected);
    }

    private static Path withStatics(Path conf) throws IOException {
        return Files.writeString(conf, STATICS, StandardOpenOption.APPEND);
    }

    /** Table 100 may not exist at all: every table is listed, and only our route kept. */
    private static List<String> virtualRoute(Topology topo, int host) {
        return ip(topo, host, "route", "show", "table", "all").stream().filter(l -> l.startsWith("198.51.100.128/25"))
                .toList();
    }

    private static List<String> ip(Topology topo, int host, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return topo.exec(host, Duration.ofSeconds(5), cmd).orThrow().stdout().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }
}
