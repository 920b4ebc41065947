package dev.vigil.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.StateChange;
import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;

class ReportsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:17.500Z");

    @Test
    void listAlignsColumnsOneLinePerInstance() {
        FakeRouter a = new FakeRouter();
        FakeRouter b = new FakeRouter();
        b.name = "VI_LONGER";
        b.state = VrrpState.BACKUP;
        b.master = null;
        b.effective = 90;
        b.base = 99;
        b.maintenance = true;
        String text = Reports.listText(List.of(a, b));
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("Name       Interface  VRID  Ver  State");
        assertThat(lines.get(1)).matches("VI_1 +eth0 +51 +2 +MASTER +100/100 +198\\.51\\.100\\.11 +1");
        assertThat(lines.get(2)).matches("VI_LONGER +eth0 +51 +2 +BACKUP \\(maint\\) +90/99 +- +1");
        assertThat(lines.get(1).indexOf("eth0")).isEqualTo(lines.get(2).indexOf("eth0"));
        assertThat(Reports.listText(List.of())).isEqualTo("No VRRP instances.");
    }

    @Test
    void timersFollowTheRfcs() {
        // v2: skew (256 - 100) / 256 s; master down 3 x 1 s + skew
        assertThat(Reports.skewMillis(2, 100, 100)).isEqualTo(609.375);
        assertThat(Reports.masterDownMillis(2, 100, 100)).isEqualTo(3609.375);
        // v3: skew scaled by the interval (50 cs)
        assertThat(Reports.skewMillis(3, 100, 50)).isEqualTo(156 * 500 / 256.0);
    }

    @Test
    void detailHasTimersTrackersVipsCountersAndTransitions() {
        FakeRouter r = new FakeRouter();
        r.effective = 80;
        r.trackers.add(new TrackerContribution("chk_nginx", "script", -20, false, false, -20, "exit status 1"));
        r.vips.add("203.0.113.5/32 dev eth1 label eth1:vip");
        r.transitions.add(new StateChange("VI_1", VrrpState.BACKUP, VrrpState.MASTER, 100, "master down timer",
                Instant.parse("2026-01-02T03:04:05Z")));
        Reports.VipProbe probe = vip -> vip.device().equals("eth0");
        Map<String, Object> d = Reports.detail(r, probe, NOW);
        assertThat(d).containsEntry("state", "MASTER").containsEntry("effectivePriority", 80)
                .containsEntry("stateSeconds", 12.5).containsEntry("master", "198.51.100.11");
        assertThat(Json.write(d.get("timers"))).isEqualTo(
                "{\"advertIntervalMillis\":1000,\"skewMillis\":687.5,\"masterDownMillis\":3687.5}");
        assertThat(Json.write(d.get("virtualAddresses"))).isEqualTo("[{\"address\":\"198.51.100.100/24\","
                + "\"device\":\"eth0\",\"present\":true},{\"address\":\"203.0.113.5/32\",\"device\":\"eth1\","
                + "\"label\":\"eth1:vip\",\"present\":false}]");
        assertThat(Json.write(d.get("trackers"))).contains("\"name\":\"chk_nginx\"").contains("\"delta\":-20");
        assertThat(Json.write(d.get("transitions"))).isEqualTo("[{\"at\":\"2026-01-02T03:04:05Z\",\"from\":\"BACKUP\","
                + "\"to\":\"MASTER\",\"priority\":100,\"reason\":\"master down timer\"}]");
    }

    @Test
    void showTextTellsStatePriorityBreakdownVipPresenceAndHistory() {
        FakeRouter r = new FakeRouter();
        r.effective = 80;
        r.trackers.add(new TrackerContribution("chk_nginx", "script", -20, false, false, -20, "exit status 1"));
        r.transitions.add(new StateChange("VI_1", VrrpState.BACKUP, VrrpState.MASTER, 100, "master down timer",
                Instant.parse("2026-01-02T03:04:05Z")));
        String text = Reports.showText(r, Reports.VipProbe.UNKNOWN, NOW);
        assertThat(text).startsWith("Instance VI_1: interface eth0, VRID 51, VRRPv2\n")
                .contains("State:              MASTER since ").contains("(12.5 s ago)")
                .contains("Priority:           80 effective, 100 configured")
                .contains("    -20  chk_nginx (script, weight -20): down - exit status 1")
                .contains("Master:             198.51.100.11 (this router)")
                .contains("Timers:             advert 1.00 s, skew 0.688 s, master down 3.688 s")
                .contains("    198.51.100.100/24 dev eth0: unknown")
                .contains("    sentAdvertisements  12")
                .contains("BACKUP -> MASTER  prio 100  master down timer");
        r.state = VrrpState.FAULT;
        r.faults.add("interface eth0 down");
        assertThat(Reports.showText(r, vip -> false, NOW)).contains("Fault reasons:      interface eth0 down")
                .contains("dev eth0: not on the interface");
    }

    @Test
    void vipStringsParse() {
        VirtualAddress v = Vips.parse("198.51.100.100/24 dev eth0 label eth0:1", "ethX");
        assertThat(v.prefixLength()).isEqualTo(24);
        assertThat(v.device()).isEqualTo("eth0");
        assertThat(v.label()).isEqualTo("eth0:1");
        VirtualAddress bare = Vips.parse("2001:db8::1", "eth1");
        assertThat(bare.prefixLength()).isEqualTo(128);
        assertThat(bare.device()).isEqualTo("eth1");
        assertThat(Vips.cidr(Vips.parse("198.51.100.7", "eth0"))).isEqualTo("198.51.100.7/32");
        assertThatThrownBy(() -> Vips.parse("vip.example/24", "eth0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agoReadsNaturally() {
        assertThat(Reports.ago(java.time.Duration.ofMillis(1500))).isEqualTo("1.5 s ago");
        assertThat(Reports.ago(java.time.Duration.ofSeconds(125))).isEqualTo("2 min 5 s ago");
        assertThat(Reports.ago(java.time.Duration.ofSeconds(7260))).isEqualTo("2 h 1 min ago");
    }
}
