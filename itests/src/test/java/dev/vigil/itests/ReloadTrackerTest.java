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
 * SIGHUP adds, changes and removes a vrrp_script under a running MASTER: the tracker
 * configuration (vigil.tracker.script~chk) and the instance's {@code trackers} follow the file,
 * the effective priority follows the script, and the instance never changes state.
 */
class ReloadTrackerTest {

    private static final String VIP = "198.51.100.100/24";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    private static Path write(Path dir, String script) throws Exception {
        String track = script == null ? "" : "    track_script {\n        chk\n    }\n";
        String conf = "global_defs {\n    router_id router-a\n}\n"
                + (script == null ? "" : "vrrp_script chk {\n    script \"" + script + "\"\n    interval 1\n"
                        + "    weight 20\n}\n")
                + new Instance("VI_1", "MASTER", 51, 100, "1", 2, VIP, track).text(Topology.IFACE);
        return Files.writeString(dir.resolve("a.conf"), conf);
    }

    @Test
    void aScriptAddedChangedAndRemovedByReloadMovesThePriorityWithoutATransition() throws Exception {
        Path dir = VrrpPeers.workDir("reload-tracker");
        Files.createDirectories(dir);
        try (Topology topo = Topology.create(2)) {
            Path conf = write(dir, null);
            Capture capture = topo.capture(2, "ip proto 112", dir.resolve("client.pcap"));
            Proc a = VrrpPeers.startVigil(topo, 1, conf, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", WAIT);

            write(dir, "/bin/true");
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "0 created, 1 updated, 0 unchanged, 0 deleted; trackers: 1 created, 0 updated, "
                    + "0 unchanged, 0 deleted", WAIT);
            VrrpPeers.awaitLog(a, "(VI_1) Changing effective priority from 100 to 120", WAIT);
            double up = now();

            write(dir, "/bin/false");
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "0 created, 0 updated, 1 unchanged, 0 deleted; trackers: 0 created, 1 updated, "
                    + "0 unchanged, 0 deleted", WAIT);
            VrrpPeers.awaitLog(a, "(VI_1) Changing effective priority from 120 to 100", WAIT);

            write(dir, null);
            a.signal("HUP");
            VrrpPeers.awaitLog(a, "0 created, 1 updated, 0 unchanged, 0 deleted; trackers: 0 created, 0 updated, "
                    + "0 unchanged, 1 deleted", WAIT);
            Thread.sleep(2000);
            capture.stop();

            String ipA = topo.address(1).getHostAddress();
            List<Integer> priorities = Wire.adverts(capture).stream()
                    .filter(ad -> ad.source().equals(ipA) && ad.time() > up + 0.5).map(Wire.Advert::priority)
                    .distinct().toList();
            assertThat(priorities).as("adverts follow the script").contains(120, 100).doesNotContain(0);
            String sinceReload = a.log().substring(a.log().indexOf("Reloading ..."));
            assertThat(sinceReload).as("no state change").doesNotContain("Entering ");
            assertThat(topo.addresses(1)).contains(VIP);
        } finally {
            System.out.println("logs in " + dir);
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
