package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** keepalived: an address owner (priority 255) keeps its priority; weighted tracking is ignored, with a word. */
class OwnerTrackingTest {

    @Test
    void weightsUnderAnAddressOwnerAreIgnoredWithAWarning() {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n",
                "vrrp_track_tcp db {",
                "    connect_ip 198.51.100.30",
                "    connect_port 5432",
                "    weight -10",
                "}",
                "track_file f {",
                "    file /run/vigil/f",
                "}",
                "vrrp_instance VI_1 {",
                "    state MASTER",
                "    interface eth0",
                "    virtual_router_id 7",
                "    virtual_ipaddress { 198.51.100.10 }",
                "    track_script {",
                "        db",
                "    }",
                "    track_file {",
                "        f",
                "    }",
                "    track_interface {",
                "        eth1 weight 5",
                "        eth2",
                "    }",
                "}"));
        assertThat(result.valid()).isTrue();
        assertThat(result.config().instance("VI_1").orElseThrow().priority()).isEqualTo(255);
        assertThat(result.diagnostics()).map(Object::toString).containsExactly(
                "t.conf:15: warning: vrrp_instance VI_1: ignoring the weight of tracked script db due to address owner "
                        + "(priority 255)",
                // a track_file counts with weight 1 unless told otherwise (keepalived's default)
                "t.conf:18: warning: vrrp_instance VI_1: ignoring the weight of tracked file f due to address owner "
                        + "(priority 255)",
                "t.conf:21: warning: vrrp_instance VI_1: ignoring the weight of tracked interface eth1 due to address "
                        + "owner (priority 255)");
    }
}
