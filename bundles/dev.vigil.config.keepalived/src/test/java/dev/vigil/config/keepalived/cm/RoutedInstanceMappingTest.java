package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * A unicast vrrp_instance without {@code interface} (keepalived 2.x): no {@code interfaceName},
 * every VIP line with a dev (its own, else global_defs' {@code default_interface}, else eth0),
 * and its {@code vrf}.
 */
class RoutedInstanceMappingTest extends MappingTestSupport {

    private static String[] routed(String... extra) {
        String[] head = {"vrrp_instance VI_1 {", "    virtual_router_id 51", "    unicast_src_ip 203.0.113.1",
                "    unicast_peer {", "        203.0.113.2", "    }", "    virtual_ipaddress {",
                "        198.51.100.10", "        198.51.100.11/24 dev eth1", "    }",
                "    virtual_ipaddress_excluded {", "        198.51.100.12", "    }"};
        String[] all = java.util.Arrays.copyOf(head, head.length + extra.length + 1);
        System.arraycopy(extra, 0, all, head.length, extra.length);
        all[all.length - 1] = "}";
        return all;
    }

    @Test
    void withoutAnInterfaceTheVipsGoOnTheirDevOrEth0() throws IOException {
        ParseResult result = apply(routed());

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).doesNotContainKeys("interfaceName", "vrf")
                .contains(entry("sourceAddress", "203.0.113.1"));
        assertThat((String[]) properties("VI_1").get("unicastPeers")).containsExactly("203.0.113.2");
        assertThat((String[]) properties("VI_1").get("virtualIpAddresses"))
                .containsExactly("198.51.100.10/32 dev eth0", "198.51.100.11/24 dev eth1");
        assertThat((String[]) properties("VI_1").get("excludedIpAddresses"))
                .containsExactly("198.51.100.12/32 dev eth0");
    }

    @Test
    void defaultInterfaceTakesTheVipsWithoutDev() throws IOException {
        String[] conf = routed();
        String[] withGlobals = new String[conf.length + 3];
        withGlobals[0] = "global_defs {";
        withGlobals[1] = "    default_interface eth2";
        withGlobals[2] = "}";
        System.arraycopy(conf, 0, withGlobals, 3, conf.length);

        ParseResult result = apply(withGlobals);

        assertThat(warnings(result)).isEmpty();
        assertThat((String[]) properties("VI_1").get("virtualIpAddresses"))
                .containsExactly("198.51.100.10/32 dev eth2", "198.51.100.11/24 dev eth1");
        assertThat((String[]) properties("VI_1").get("excludedIpAddresses"))
                .containsExactly("198.51.100.12/32 dev eth2");
    }

    @Test
    void defaultInterfaceLeavesAnInstanceWithAnInterfaceAlone() throws IOException {
        apply(ConfText.lines(new String[] {"global_defs {", "    default_interface eth2", "}"},
                instance("VI_1", 51)));

        assertThat(properties("VI_1")).contains(entry("interfaceName", "eth0"));
        assertThat((String[]) properties("VI_1").get("virtualIpAddresses")).containsExactly("198.51.100.51/32 dev eth0");
    }

    @Test
    void theVrfIsWritten() throws IOException {
        ParseResult result = apply(routed("    vrf vrf-blue"));

        assertThat(warnings(result)).isEmpty();
        assertThat(properties("VI_1")).contains(entry("vrf", "vrf-blue")).doesNotContainKey("interfaceName");
    }

    @Test
    void aVrfWithAnInterfaceIsClearedWithKeepalivedsWarning() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    vrf vrf-blue"));

        assertThat(warnings(result)).containsExactly("t.conf:5: warning: vrrp_instance VI_1: vrf can only be "
                + "specified without interface - clearing");
        assertThat(properties("VI_1")).doesNotContainKey("vrf");
    }

    @Test
    void trackSrcIpWithoutAnInterfaceIsIgnoredWithAWarning() throws IOException {
        ParseResult result = apply(routed("    track_src_ip"));

        assertThat(warnings(result)).containsExactly("t.conf:14: warning: vrrp_instance VI_1: track_src_ip needs an "
                + "interface to watch the address on; ignored");
        assertThat(properties("VI_1")).doesNotContainKey("trackSourceAddress");
    }
}
