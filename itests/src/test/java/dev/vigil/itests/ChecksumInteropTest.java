package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;
import dev.vigil.testing.scenario.Wire;

/**
 * keepalived's VRRPv3 checksum variants against the real keepalived: {@code v3_checksum_as_v2}
 * (no pseudo-header, as Cisco and Juniper compute it; keepalived 2.2.8+, so Debian's 2.2.7 peer
 * sends RFC checksums, which such an instance accepts too), and a keepalived sending the pre-2.2.0
 * unicast checksum ({@code old_unicast_checksum}), which Vigil detects and answers in kind.
 */
class ChecksumInteropTest {

    private static final String VIP = "198.51.100.160/24";
    private static final int VIGIL = 1, KEEPALIVED = 2, CLIENT = 3;
    private static final Duration SETTLE = Duration.ofSeconds(2);

    @BeforeAll
    static void peers() {
        Netns.assumeRoot();
        Assumptions.assumeTrue(VrrpPeers.keepalivedInstalled(), "keepalived is not installed (.ci/run installs it): skipped");
    }

    @Test
    void v3ChecksumAsV2SendsWithoutPseudoHeaderAndHearsRfcChecksums() {
        Path dir = VrrpPeers.workDir("checksum-as-v2");
        try (Topology topo = Topology.create(3)) {
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("as-v2.pcap"));
            Proc ka = VrrpPeers.startKeepalived(topo, KEEPALIVED,
                    write(dir, "keepalived.conf", "keepalived", "", instance("MASTER", 100, "")), dir);
            VrrpPeers.awaitLog(ka, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            Proc vigil = VrrpPeers.startVigil(topo, VIGIL,
                    write(dir, "vigil.conf", "vigil", "    v3_checksum_as_v2\n", instance("BACKUP", 90, "")), dir);
            VrrpPeers.awaitLog(vigil, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(20));
            sleep(SETTLE);
            assertThat(vigil.log()).as("Vigil hears keepalived's RFC 5798 checksums")
                    .doesNotContain("(VI_1) Entering MASTER STATE").doesNotContain("Invalid VRRPv3 checksum");

            ka.signal("TERM");
            assertThat(ka.waitFor(Duration.ofSeconds(15))).isTrue();
            VrrpPeers.awaitLog(vigil, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(5));
            sleep(Duration.ofMillis(500));
            capture.stop();

            // tshark checks the RFC 5798 checksum (with the pseudo-header): Vigil's leaves it out
            List<Wire.Advert> adverts = Wire.adverts(capture);
            String vigilAddress = topo.address(VIGIL).getHostAddress();
            assertThat(adverts).filteredOn(a -> a.source().equals(vigilAddress)).isNotEmpty()
                    .extracting(Wire.Advert::checksumStatus).containsOnly(WireFormatTest.Checksum.BAD);
            assertThat(adverts).filteredOn(a -> !a.source().equals(vigilAddress)).isNotEmpty()
                    .extracting(Wire.Advert::checksumStatus).containsOnly(WireFormatTest.Checksum.GOOD);
        }
    }

    @Test
    void keepalivedsOldUnicastChecksumIsDetectedAndAnsweredInKind() {
        Path dir = VrrpPeers.workDir("checksum-old-unicast");
        try (Topology topo = Topology.create(3)) {
            String vigilAddress = topo.address(VIGIL).getHostAddress();
            String kaAddress = topo.address(KEEPALIVED).getHostAddress();
            String kaUnicast = unicast(kaAddress, vigilAddress) + "    old_unicast_checksum\n";
            Proc ka = VrrpPeers.startKeepalived(topo, KEEPALIVED,
                    write(dir, "keepalived-master.conf", "keepalived", "", instance("MASTER", 100, kaUnicast)), dir);
            VrrpPeers.awaitLog(ka, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(10));
            Proc vigil = VrrpPeers.startVigil(topo, VIGIL, write(dir, "vigil.conf", "vigil", "",
                    instance("BACKUP", 90, unicast(vigilAddress, kaAddress))), dir);

            VrrpPeers.awaitLog(vigil, "(VI_1) Setting unicast VRRPv3 checksum to old version", Duration.ofSeconds(20));
            sleep(SETTLE);
            assertThat(vigil.log()).doesNotContain("(VI_1) Entering MASTER STATE").doesNotContain("Invalid");

            // keepalived restarts below Vigil: Vigil's adverts carry the old checksum it now speaks
            ka.signal("TERM");
            assertThat(ka.waitFor(Duration.ofSeconds(15))).isTrue();
            VrrpPeers.awaitLog(vigil, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(5));
            Proc ka2 = VrrpPeers.startKeepalived(topo, KEEPALIVED, write(dir, "keepalived-backup.conf", "keepalived",
                    "", instance("BACKUP", 80, kaUnicast)), dir.resolve("second"));
            VrrpPeers.awaitLog(ka2, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(10));
            sleep(SETTLE);
            assertThat(ka2.log()).as("keepalived (old_unicast_checksum) accepts Vigil's adverts")
                    .doesNotContain("(VI_1) Entering MASTER STATE").doesNotContain("Invalid VRRPv3 checksum");
        }
    }

    private static String instance(String state, int priority, String extra) {
        return new VrrpPeers.Instance("VI_1", state, 51, priority, "0.1", 3, VIP, extra).text(Topology.IFACE);
    }

    private static String unicast(String self, String peer) {
        return "    unicast_src_ip " + self + "\n    unicast_peer {\n        " + peer + "\n    }\n";
    }

    private static Path write(Path dir, String file, String routerId, String globals, String instance) {
        String conf = "global_defs {\n    router_id " + routerId + "\n" + globals + "}\n" + instance;
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(file), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
