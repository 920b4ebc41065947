package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;
import dev.vigil.testing.scenario.Wire;

/**
 * Vigil and the real keepalived (Debian's package) in one VRRP group, both ways: Vigil MASTER
 * with keepalived BACKUP, then keepalived MASTER with Vigil BACKUP; each fails over to the other.
 */
class KeepalivedInteropTest {

    private static final String VIP = "198.51.100.150/24";
    private static final Pattern COMPLAINT = Pattern.compile(
            "(?i).*(checksum|invalid|bogus|malformed|mismatch|wrong|too short|unknown).*");
    private static final int VIGIL = 1, KEEPALIVED = 2, CLIENT = 3;

    @BeforeAll
    static void peers() {
        Netns.assumeRoot();
        Assumptions.assumeTrue(VrrpPeers.keepalivedInstalled(), "keepalived is not installed (.ci/run installs it): skipped");
    }

    @ParameterizedTest(name = "VRRPv{0}, advert_int {1}")
    @CsvSource({"2, 1", "3, 0.1"})
    void failsOverBothWaysWithKeepalived(int version, String advertInt) {
        Path dir = VrrpPeers.workDir("interop-v" + version);
        double advert = Double.parseDouble(advertInt);
        Duration settle = Duration.ofMillis((long) (advert * 1000 * 4) + 3000);
        try (Topology topo = Topology.create(3)) {
            Capture capture = topo.capture(CLIENT, "ip proto 112", dir.resolve("interop.pcap"));
            Path vigilMaster = VrrpPeers.writeConfig(dir, "vigil-100.conf", "vigil",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, 100, advertInt, version, VIP, "")));
            Path vigilBackup = VrrpPeers.writeConfig(dir, "vigil-98.conf", "vigil",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 98, advertInt, version, VIP, "")));
            Path kaConf = VrrpPeers.writeConfig(dir, "keepalived-99.conf", "keepalived",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 99, advertInt, version, VIP, "")));

            // Vigil MASTER, keepalived BACKUP
            Proc vigil = VrrpPeers.startVigil(topo, VIGIL, vigilMaster, dir);
            VrrpPeers.awaitLog(vigil, "(VI_1) Entering MASTER STATE", settle.plusSeconds(10));
            Proc ka = VrrpPeers.startKeepalived(topo, KEEPALIVED, kaConf, dir);
            VrrpPeers.awaitLog(ka, "(VI_1) Entering BACKUP STATE", settle);
            sleep(settle.toMillis());
            assertThat(ka.log()).as("keepalived accepts Vigil's adverts and stays BACKUP")
                    .doesNotContain("(VI_1) Entering MASTER STATE");
            assertThat(topo.addresses(VIGIL)).contains(VIP);
            assertThat(topo.addresses(KEEPALIVED)).doesNotContain(VIP);

            // Vigil stops: keepalived takes over
            vigil.signal("TERM");
            assertThat(vigil.waitFor(Duration.ofSeconds(15))).isTrue();
            VrrpPeers.awaitLog(ka, "(VI_1) Entering MASTER STATE", settle);
            assertThat(topo.waitForAddress(KEEPALIVED, VIP, true, Duration.ofSeconds(5))).isTrue();

            // keepalived MASTER, Vigil BACKUP (98 < 99)
            Proc vigil2 = VrrpPeers.startVigil(topo, VIGIL, vigilBackup, dir.resolve("second"));
            VrrpPeers.awaitLog(vigil2, "(VI_1) Entering BACKUP STATE", settle.plusSeconds(10));
            sleep(settle.toMillis());
            assertThat(vigil2.log()).as("Vigil accepts keepalived's adverts and stays BACKUP")
                    .doesNotContain("(VI_1) Entering MASTER STATE");
            assertThat(topo.addresses(VIGIL)).doesNotContain(VIP);

            // keepalived stops: Vigil takes over
            ka.signal("TERM");
            assertThat(ka.waitFor(Duration.ofSeconds(15))).isTrue();
            VrrpPeers.awaitLog(vigil2, "(VI_1) Entering MASTER STATE", settle);
            assertThat(topo.waitForAddress(VIGIL, VIP, true, Duration.ofSeconds(5))).isTrue();
            capture.stop();

            assertThat(ka.log().lines().filter(l -> COMPLAINT.matcher(l).matches()))
                    .as("keepalived complaints about Vigil's packets").isEmpty();
            assertThat(vigil2.log()).contains("(VI_1) Backup received priority 0 advertisement");
            List<Wire.Advert> adverts = Wire.adverts(capture);
            assertThat(adverts).extracting(Wire.Advert::version).containsOnly(version);
            assertThat(adverts).extracting(Wire.Advert::checksumStatus).containsOnly(WireFormatTest.Checksum.GOOD);
            assertThat(adverts).extracting(Wire.Advert::source).contains(topo.address(VIGIL).getHostAddress(),
                    topo.address(KEEPALIVED).getHostAddress());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
