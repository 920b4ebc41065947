package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * Two Vigil routers with keepalived 2.x unicast instances that name no {@code interface}: each
 * sends from an address on its loopback to the other's through a route via the bridge, so only
 * the routing table carries the adverts. A's VIP line has no dev and goes on
 * {@code default_interface eth0}; B's says {@code dev eth0}. SIGTERM of the master moves the VIP;
 * the link of the VIP's interface going down puts the new master in FAULT. (No keepalived peer:
 * 2.2.7, the packaged one, refuses an instance without interface, "Unknown interface!"; 2.2.8 fixed it.)
 */
class RoutedUnicastFailoverTest {

    private static final String VIP_CIDR = "198.51.100.100/24";
    private static final int A = 1, B = 2;
    private static final Duration CMD = Duration.ofSeconds(10);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void unicastInstancesWithoutAnInterfaceElectAndFailOverOnSigterm() {
        Path dir = VrrpPeers.workDir("routed-unicast");
        try (Topology topo = Topology.create(2)) {
            routedAddresses(topo);
            Path confA = write(dir, "a.conf", """
                    global_defs {
                        router_id router-a
                        default_interface eth0
                    }
                    """ + instance("MASTER", 100, 1, 2, ""));
            Path confB = write(dir, "b.conf", """
                    global_defs {
                        router_id router-b
                    }
                    """ + instance("BACKUP", 99, 2, 1, " dev eth0"));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(2))).as("VIP on A's eth0").isTrue();
            assertThat(topo.addresses(B)).doesNotContain(VIP_CIDR);

            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            assertThat(topo.waitForAddress(B, VIP_CIDR, true, Duration.ofSeconds(5))).as("VIP on B's eth0").isTrue();
            assertThat(topo.addresses(A)).as("A removed its VIP on the way out").doesNotContain(VIP_CIDR);
            assertThat(b.log()).contains("(VI_1) Backup received priority 0 advertisement");

            // the link of the VIP's interface is tracked (keepalived's rule without interface): down is FAULT
            topo.linkDown(B);
            VrrpPeers.awaitLog(b, "(VI_1) Entering FAULT STATE", Duration.ofSeconds(5));
            assertThat(topo.waitForAddress(B, VIP_CIDR, false, Duration.ofSeconds(5))).as("B released the VIP").isTrue();
            assertThat(a.log()).doesNotContain("Exception");
            assertThat(b.log()).doesNotContain("Exception");
        }
    }

    private static String instance(String state, int priority, int self, int peer, String vipDev) {
        return """
                vrrp_instance VI_1 {
                    state %s
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    unicast_src_ip 203.0.113.%d
                    unicast_peer {
                        203.0.113.%d
                    }
                    virtual_ipaddress {
                        %s%s
                    }
                }
                """.formatted(state, priority, self, peer, VIP_CIDR, vipDev);
    }

    /** 203.0.113.H/32 on each host's loopback, a /32 route to the other's via its bridge address. */
    private static void routedAddresses(Topology topo) {
        for (int h = A; h <= B; h++) {
            int other = h == A ? B : A;
            topo.exec(h, CMD, "ip", "addr", "add", "203.0.113." + h + "/32", "dev", "lo").orThrow();
            topo.exec(h, CMD, "ip", "route", "add", "203.0.113." + other + "/32", "via",
                    topo.address(other).getHostAddress()).orThrow();
        }
    }

    private static Path write(Path dir, String file, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
