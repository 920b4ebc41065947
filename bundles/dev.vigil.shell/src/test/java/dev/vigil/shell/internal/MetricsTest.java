package dev.vigil.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.vigil.api.notify.NotifierQueues;
import org.junit.jupiter.api.Test;

import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpState;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

class MetricsTest {

    private static String text(FakeRouter r, Map<String, Map<String, Long>> transitions) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, Metrics.snapshot(List.of(r), transitions,
                vip -> vip.device().equals("eth0") ? Boolean.TRUE : null,
                List.of(new NotifierQueues.QueueStatus("webhook:ops", true, 256, 2, 40, 30, 5, 3))));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exposesStatePrioritiesTrackersTransitionsAndEveryCounter() throws Exception {
        FakeRouter r = new FakeRouter();
        r.effective = 80;
        r.counters.put("rcvdPriZeroPackets", 3L);
        r.vips.add("203.0.113.5/32 dev eth1"); // the probe cannot tell: no series
        r.trackers.add(new TrackerContribution("chk_nginx", "script", -20, false, false, -20, "exit status 1"));
        String text = text(r, Map.of("VI_1", Map.of("BACKUP MASTER", 2L)));

        assertThat(text).contains("vigil_vrrp_state{state=\"MASTER\",vrrp_instance=\"VI_1\"} 1")
                .contains("vigil_vrrp_state{state=\"BACKUP\",vrrp_instance=\"VI_1\"} 0.0")
                .contains("vigil_vrrp_priority_effective{vrrp_instance=\"VI_1\"} 80.0")
                .contains("vigil_vrrp_priority_base{vrrp_instance=\"VI_1\"} 100.0")
                .contains("vigil_notifier_queued{notifier=\"webhook:ops\"} 2.0")
                .contains("vigil_notifier_delivered_total{notifier=\"webhook:ops\"} 30.0")
                .contains("vigil_notifier_failed_total{notifier=\"webhook:ops\"} 5.0")
                .contains("vigil_notifier_dropped_total{notifier=\"webhook:ops\"} 3.0")
                .contains("vigil_vrrp_sent_advertisements_total{vrrp_instance=\"VI_1\"} 12.0")
                .contains("vigil_vrrp_rcvd_pri_zero_packets_total{vrrp_instance=\"VI_1\"} 3.0")
                .contains("vigil_vrrp_tracker_up{kind=\"script\",tracker=\"chk_nginx\",vrrp_instance=\"VI_1\"} 0.0")
                .contains("vigil_vrrp_tracker_priority_delta{kind=\"script\",tracker=\"chk_nginx\",vrrp_instance=\"VI_1\"} -20.0")
                .contains("vigil_vrrp_transitions_total{from=\"BACKUP\",to=\"MASTER\",vrrp_instance=\"VI_1\"} 2.0")
                .contains("vigil_vrrp_instance_info{interface=\"eth0\",version=\"2\",vrid=\"51\",vrrp_instance=\"VI_1\"} 1")
                .contains("# TYPE vigil_vrrp_sent_advertisements_total counter")
                .contains("vigil_vrrp_virtual_address_present{address=\"198.51.100.100/24\",device=\"eth0\",vrrp_instance=\"VI_1\"} 1.0")
                .doesNotContain("203.0.113.5");
    }

    @Test
    void oneStateSeriesPerStateWhateverTheState() throws Exception {
        FakeRouter r = new FakeRouter();
        r.state = VrrpState.FAULT;
        String text = text(r, Map.of());
        long ones = text.lines().filter(l -> l.startsWith("vigil_vrrp_state{")).filter(l -> l.endsWith(" 1.0")).count();
        long all = text.lines().filter(l -> l.startsWith("vigil_vrrp_state{")).count();
        assertThat(ones).isEqualTo(1);
        assertThat(all).isEqualTo(VrrpState.values().length);
        assertThat(text).contains("vigil_vrrp_state{state=\"FAULT\",vrrp_instance=\"VI_1\"} 1.0");
    }

    @Test
    void counterNamesAreSnakeCase() {
        assertThat(Metrics.counterName("rcvdAdvertisements")).isEqualTo("vigil_vrrp_rcvd_advertisements");
        assertThat(Metrics.counterName("vrIdErrors")).isEqualTo("vigil_vrrp_vr_id_errors");
        assertThat(Metrics.counterName("ipTtlErrors")).isEqualTo("vigil_vrrp_ip_ttl_errors");
    }
}
