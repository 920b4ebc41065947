package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** track_src_ip on {@code vigil.instance~NAME}: written only with a source address to track. */
class TrackSrcIpMappingTest extends MappingTestSupport {

    @Test
    void withoutTrackSrcIpThereIsNoProperty() throws IOException {
        apply(instance("VI_1", 51, "    mcast_src_ip 198.51.100.2"));

        assertThat(properties("VI_1")).doesNotContainKey("trackSourceAddress");
    }

    @Test
    void theConfiguredSourceIsTracked() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    unicast_src_ip 198.51.100.2",
                "    unicast_peer { 198.51.100.3 }", "    track_src_ip"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("trackSourceAddress", true),
                entry("sourceAddress", "198.51.100.2"));
    }

    @Test
    void theIpvlanAddressIsASourceToTrack() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    use_ipvlan 198.51.100.151/24", "    track_src_ip"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("trackSourceAddress", true),
                entry("sourceAddress", "198.51.100.151"));
    }

    @Test
    void withoutASourceAddressItIsIgnoredWithAWarning() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    track_src_ip"));

        assertThat(warnings(result)).containsExactly("t.conf:5: warning: vrrp_instance VI_1: track_src_ip without "
                + "unicast_src_ip, mcast_src_ip or an ipvlan address has nothing to track; ignored");
        assertThat(properties("VI_1")).doesNotContainKeys("trackSourceAddress", "sourceAddress");
    }
}
