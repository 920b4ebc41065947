package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * A deploy-folder {@code vigil.instance-VI_1.cfg} and keepalived.conf name the same instance: the
 * {@code .cfg} wins, and a SIGHUP reload of keepalived.conf says so and leaves it alone.
 */
class ReloadFileInstallTest {

    private static final String VIP = "198.51.100.100/24";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void aFileInstallConfigurationWinsOverKeepalivedConfAcrossReloads() throws Exception {
        Path dir = VrrpPeers.workDir("reload-fileinstall");
        try (Topology topo = Topology.create(2)) {
            Path conf = VrrpPeers.writeConfig(dir, "a.conf", "router-a",
                    List.of(new Instance("VI_1", "MASTER", 51, 150, "1", 2, VIP, "")));
            Capture capture = topo.capture(2, "ip proto 112", dir.resolve("client.pcap"));
            Proc a = VrrpPeers.startVigil(topo, 1, conf, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", WAIT);

            // the deploy folder is STATE_DIR/deploy when /etc/vigil/deploy does not exist (bin/vigil)
            Path deploy = Files.isDirectory(Path.of("/etc/vigil/deploy")) ? null : dir.resolve("vigil-h1/deploy");
            org.junit.jupiter.api.Assumptions.assumeTrue(deploy != null,
                    "/etc/vigil/deploy exists on this machine: the test would write into it");
            Path cfg = deploy.resolve("vigil.instance-VI_1.cfg");
            Files.writeString(cfg, String.join("\n",
                    "name=VI_1",
                    "interfaceName=" + Topology.IFACE,
                    "virtualRouterId=51",
                    "version=2",
                    "priority=200",
                    "advertIntervalCentis=100",
                    "initialState=MASTER",
                    "virtualIpAddresses=" + VIP + " dev " + Topology.IFACE,
                    ""));
            double deployed = now();
            String ipA = topo.address(1).getHostAddress();
            Thread.sleep(6000); // FileInstall polls the folder every 2 s

            a.signal("HUP");
            VrrpPeers.awaitLog(a, "vigil.instance~VI_1 is configured by a FileInstall .cfg file, which wins; "
                    + "keepalived.conf's block for it is not applied", WAIT);
            VrrpPeers.awaitLog(a, "Reload finished", WAIT);
            double reloaded = now();
            Thread.sleep(2500);
            capture.stop();

            List<Wire.Advert> after = Wire.adverts(capture).stream()
                    .filter(ad -> ad.source().equals(ipA) && ad.time() > reloaded).toList();
            assertThat(after).isNotEmpty().allSatisfy(ad -> assertThat(ad.priority()).isEqualTo(200));
            assertThat(Wire.adverts(capture).stream().filter(ad -> ad.source().equals(ipA) && ad.time() > deployed
                    && ad.time() < reloaded && ad.priority() == 200)).as("FileInstall's priority 200 applied").isNotEmpty();
            assertThat(a.log().substring(a.log().indexOf("Reloading ..."))).doesNotContain("Entering ");
        } finally {
            System.out.println("logs in " + dir);
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
