package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * A vrrp_sync_group of two instances on two links, on two Vigil routers: VI_A on eth0
 * (198.51.100.0/24, the topology's bridge) and VI_B on eth1 (203.0.113.0/24, a second bridge this
 * test adds inside the topology's hub namespace). Router 1 has the higher priority on both.
 * When router 1's eth1 goes down, its VI_B goes FAULT and the group takes VI_A to FAULT with it:
 * router 2 takes BOTH VIPs, although router 1's eth0 is fine. With eth1 back, router 1 takes both
 * back together.
 *
 * <p>Needs the keepalived.conf adapter's {@code vrrp_sync_group} → {@code vigil.syncgroup~NAME}
 * mapping (docs/CONTRACTS.md, "Sync groups") in the assembly under test.
 */
class SyncGroupTest {

    private static final String VIP_A = "198.51.100.100/24";
    private static final String VIP_B = "203.0.113.100/24";
    private static final String SECOND_IFACE = Topology.SECOND_IFACE;
    private static final int R1 = 1, R2 = 2;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void oneLinkDownMovesTheWholeGroupToThePeer() {
        Path dir = VrrpPeers.workDir("syncgroup");
        try (Topology topo = Topology.create(2)) {
            topo.addSecondLink();
            Proc r1 = VrrpPeers.startVigil(topo, R1, writeConfig(dir, "r1.conf", "router-1", 150), dir);
            Proc r2 = VrrpPeers.startVigil(topo, R2, writeConfig(dir, "r2.conf", "router-2", 100), dir);

            // 1. router 1 is MASTER of the group: both VIPs
            VrrpPeers.awaitLog(r1, "VRRP_Group(G1) Syncing instances to MASTER state", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(R1, Topology.IFACE, VIP_A, true, WAIT)).as("VIP A on router 1").isTrue();
            assertThat(topo.waitForAddress(R1, SECOND_IFACE, VIP_B, true, WAIT)).as("VIP B on router 1").isTrue();
            assertThat(topo.addresses(R2, Topology.IFACE)).doesNotContain(VIP_A);
            assertThat(topo.addresses(R2, SECOND_IFACE)).doesNotContain(VIP_B);

            // 2. router 1's eth1 down: its whole group goes FAULT, router 2 takes both VIPs
            ip(topo.ns(R1), "link", "set", SECOND_IFACE, "down");
            VrrpPeers.awaitLog(r1, "VRRP_Group(G1) Syncing instances to FAULT state", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(R2, Topology.IFACE, VIP_A, true, WAIT)).as("VIP A on router 2").isTrue();
            assertThat(topo.waitForAddress(R2, SECOND_IFACE, VIP_B, true, WAIT)).as("VIP B on router 2").isTrue();
            assertThat(topo.addresses(R1, Topology.IFACE)).as("router 1 released VIP A on its healthy link")
                    .doesNotContain(VIP_A);
            VrrpPeers.awaitLog(r2, "VRRP_Group(G1) Syncing instances to MASTER state", Duration.ofSeconds(2));

            // 3. eth1 up again: router 1 leaves FAULT with both members and preempts both back
            ip(topo.ns(R1), "link", "set", SECOND_IFACE, "up");
            VrrpPeers.awaitLog(r1, "VRRP_Group(G1) Syncing instances to BACKUP state", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(R1, Topology.IFACE, VIP_A, true, WAIT))
                    .as("VIP A back on router 1").isTrue();
            assertThat(topo.waitForAddress(R1, SECOND_IFACE, VIP_B, true, WAIT)).as("VIP B back on router 1").isTrue();
            assertThat(topo.waitForAddress(R2, Topology.IFACE, VIP_A, false, WAIT))
                    .as("router 2 released VIP A").isTrue();
            assertThat(topo.waitForAddress(R2, SECOND_IFACE, VIP_B, false, WAIT))
                    .as("router 2 released VIP B").isTrue();
            assertThat(r1.log()).doesNotContain("Exception");
            assertThat(r2.log()).doesNotContain("Exception");
        }
    }

    private static Path writeConfig(Path dir, String file, String routerId, int priority) {
        String conf = """
                global_defs {
                    router_id %s
                }
                vrrp_sync_group G1 {
                    group {
                        VI_A
                        VI_B
                    }
                }
                """.formatted(routerId)
                + new VrrpPeers.Instance("VI_A", "BACKUP", 51, priority, "1", 2, VIP_A, "").text(Topology.IFACE)
                + new VrrpPeers.Instance("VI_B", "BACKUP", 52, priority, "1", 2, VIP_B, "").text(SECOND_IFACE);
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(file), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(Arrays.asList(args));
        Netns.run(Duration.ofSeconds(10), cmd).orThrow();
    }
}
