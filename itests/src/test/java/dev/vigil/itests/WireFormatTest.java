package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.vigil.testing.scenario.Wire;

/** tshark, an independent dissector, reads Vigil's v2 and v3 adverts as valid VRRP. */
class WireFormatTest {

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void tsharkDissectsV2AndV3AdvertsWithGoodChecksums() {
        Path dir = VrrpPeers.workDir("wire");
        try (Topology topo = Topology.create(2)) {
            Path conf = VrrpPeers.writeConfig(dir, "v.conf", "wire", List.of(
                    new VrrpPeers.Instance("VI_V2", "MASTER", 61, 150, "1", 2, "198.51.100.161/24",
                            "authentication {\n auth_type PASS\n auth_pass secret1\n}"),
                    new VrrpPeers.Instance("VI_V3", "MASTER", 62, 150, "0.1", 3, "198.51.100.162/24", "")));
            Capture capture = topo.capture(2, "ip proto 112", dir.resolve("wire.pcap"));
            Proc vigil = VrrpPeers.startVigil(topo, 1, conf, dir);
            VrrpPeers.awaitLog(vigil, "(VI_V2) Entering MASTER STATE", Duration.ofSeconds(20));
            VrrpPeers.awaitLog(vigil, "(VI_V3) Entering MASTER STATE", Duration.ofSeconds(20));
            // a few intervals of each
            sleep(2500);
            capture.stop();

            String src = topo.address(1).getHostAddress();
            List<String> v2 = capture.tshark("-Y", "vrrp.virt_rtr_id == 61", "-T", "fields", "-E", "separator=|",
                    "-e", "ip.src", "-e", "ip.dst", "-e", "ip.ttl", "-e", "vrrp.version", "-e", "vrrp.prio",
                    "-e", "vrrp.adver_int", "-e", "vrrp.auth_type", "-e", "vrrp.ip_addr", "-e", "vrrp.checksum.status",
                    "-e", "_ws.expert");
            List<String> v3 = capture.tshark("-Y", "vrrp.virt_rtr_id == 62", "-T", "fields", "-E", "separator=|",
                    "-e", "ip.src", "-e", "ip.dst", "-e", "ip.ttl", "-e", "vrrp.version", "-e", "vrrp.prio",
                    "-e", "vrrp.short_adver_int", "-e", "vrrp.ip_addr", "-e", "vrrp.checksum.status", "-e", "_ws.expert");

            assertThat(v2).hasSizeGreaterThanOrEqualTo(2);
            assertThat(v2).allSatisfy(l -> assertThat(l).isEqualTo(
                    src + "|224.0.0.18|255|2|150|1|1|198.51.100.161|" + Checksum.GOOD + "|"));
            assertThat(v3).hasSizeGreaterThanOrEqualTo(15);
            assertThat(v3).allSatisfy(l -> assertThat(l).isEqualTo(
                    src + "|224.0.0.18|255|3|150|10|198.51.100.162|" + Checksum.GOOD + "|"));
            // the simple-text password travels as keepalived sends it
            assertThat(capture.tshark("-Y", "vrrp.virt_rtr_id == 61", "-T", "fields", "-e", "vrrp.auth_string"))
                    .first().isEqualTo("secret1");
        }
    }

    /** tshark prints checksum status as a number: 0 is "Bad", 1 is "Good" (proto_checksum_enum_e). */
    static final class Checksum {
        static final String BAD = "0";
        static final String GOOD = "1";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
