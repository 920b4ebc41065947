package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Result;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * The assembled daemon on two hosts with vrrp_strict (so no_accept): the MASTER holds the VIP but
 * does not answer on it, while its own address does; its nftables table goes with it on SIGTERM
 * and the new MASTER blocks in its own.
 */
class NoAcceptFirewallTest {

    private static final String VIP = "198.51.100.100";
    private static final int A = 1, B = 2;

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void theMasterDropsTrafficToItsVipAndRemovesItsTableOnStop() throws IOException {
        Path dir = VrrpPeers.workDir("no-accept");
        try (Topology topo = Topology.create(2)) {
            Path confA = strict(VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 150, "1", 2, VIP + "/24", ""))));
            Path confB = strict(VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 100, "1", 2, VIP + "/24", ""))));

            Proc a = VrrpPeers.startVigil(topo, A, confA, dir);
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            assertThat(topo.waitForAddress(A, VIP + "/24", true, Duration.ofSeconds(2))).isTrue();

            awaitBlocked(topo, A, "keepalived");
            assertThat(nftTable(topo, B).ok()).as("a BACKUP has no table").isFalse();
            assertThat(pings(topo, B, VIP)).as("the MASTER's VIP").isFalse();
            assertThat(pings(topo, B, topo.address(A).getHostAddress())).as("the MASTER's own address").isTrue();

            // a reload that renames the table: the firewall restarts in the new one, the VIP still blocked
            Files.writeString(confA, Files.readString(confA).replace("vrrp_strict\n", "vrrp_strict\n    nftables vigil_fw\n"));
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "Reload finished", Duration.ofSeconds(10));
            awaitBlocked(topo, A, "vigil_fw");
            awaitTable(topo, A, "keepalived", false);
            assertThat(pings(topo, B, VIP)).as("the MASTER's VIP after the reload").isFalse();

            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).as("A exits on SIGTERM").isTrue();
            assertThat(nftTable(topo, A, "vigil_fw").ok()).as("A's table deleted at exit").isFalse();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            assertThat(topo.waitForAddress(B, VIP + "/24", true, Duration.ofSeconds(2))).isTrue();
            awaitBlocked(topo, B, "keepalived");
            assertThat(pings(topo, A, VIP)).as("the new MASTER's VIP").isFalse();
            assertThat(pings(topo, A, topo.address(B).getHostAddress())).isTrue();

            b.signal("TERM");
            assertThat(b.waitFor(Duration.ofSeconds(15))).as("B exits on SIGTERM").isTrue();
            assertThat(nftTable(topo, B).ok()).as("B's table deleted at exit").isFalse();
            assertThat(a.log()).doesNotContain("Exception").doesNotContain("firewall drop rule:");
            assertThat(b.log()).doesNotContain("Exception").doesNotContain("firewall drop rule:");
        }
    }

    private static Path strict(Path conf) throws IOException {
        return Files.writeString(conf, Files.readString(conf).replaceFirst("(router_id router-.)\n",
                "$1\n    vrrp_strict\n"));
    }

    private static Result nftTable(Topology topo, int host) {
        return nftTable(topo, host, "keepalived");
    }

    private static Result nftTable(Topology topo, int host, String table) {
        return topo.exec(host, Duration.ofSeconds(5), "nft", "list", "table", "ip", table);
    }

    /**
     * ConfigAdmin hands the changed configuration to the firewall asynchronously, after "Reload
     * finished": polls, at most 5 s, every 50 ms, until the table is there (or gone).
     */
    private static void awaitTable(Topology topo, int host, String table, boolean present) {
        for (int i = 0; i < 100 && nftTable(topo, host, table).ok() != present; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(nftTable(topo, host, table).ok()).as("table ip " + table + " on host " + host).isEqualTo(present);
    }

    /**
     * The firewall is applied by a worker of its own, a few milliseconds after the VIP is added (and
     * after a reload, once ConfigAdmin handed the firewall its new table): polls, at most 5 s, every
     * 50 ms, until the VIP is in the table's set.
     */
    private static void awaitBlocked(Topology topo, int host, String table) {
        String element = "elements = { " + VIP + " }";
        for (int i = 0; i < 100 && !nftTable(topo, host, table).stdout().contains(element); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(nftTable(topo, host, table).stdout()).as("table ip " + table + " on host " + host).contains(element);
    }

    private static boolean pings(Topology topo, int host, String address) {
        return topo.exec(host, Duration.ofSeconds(5), "ping", "-c", "1", "-W", "1", address).ok();
    }
}
