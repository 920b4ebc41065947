package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.model.ProtocolOptions;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackerDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * src/test/resources/valid/every-keyword.conf uses every VRRP-side keyword (with include,
 * $NAME, ${NAME}, a multi-line definition and @id lines): it must be valid, no keyword may be
 * unknown, and each value must reach the model and the contract properties.
 */
class FullGrammarTest {

    static Path file() throws URISyntaxException {
        return Path.of(FullGrammarTest.class.getResource("/valid/every-keyword.conf").toURI());
    }

    static ParseResult parse(Optional<String> configId) throws URISyntaxException {
        ParseResult result = KeepalivedParser.parse(file(), configId);
        assertThat(result.errors()).as("%s", result.diagnostics()).isEmpty();
        return result;
    }

    @Test
    void everyKeywordIsKnownAndEveryUnimplementedOneSaysSo() throws Exception {
        ParseResult result = parse(Optional.of("lb1"));
        List<String> warnings = result.warnings().stream().map(Object::toString).toList();
        assertThat(warnings).noneMatch(w -> w.contains("unknown keyword"));
        assertThat(warnings).as("warning kinds: %s", warnings).allMatch(w -> w.contains("not implemented yet") || w.contains("does not exist")
                || w.contains("is not used by Vigil") || w.contains("deprecated") || w.contains("tls_verify off")
                || w.contains("does not work with initial state MASTER") || w.contains("LVS is not supported"));
        String f = file().toString();
        assertThat(warnings).noneMatch(w -> w.contains("no_accept"));
        assertThat(result.config().instance("VI_2")).hasValueSatisfying(vi2 -> assertThat(vi2.noAccept()).isTrue());
        assertThat(warnings).contains(
                f + ":74: warning: 'vrrp_track_file' is deprecated, please use 'track_file'",
                f + ":237: warning: LVS is not supported; block 'virtual_server' skipped");
        // notifiers and sync groups are implemented: none of their keywords is reported as not implemented
        assertThat(warnings).noneMatch(w -> w.matches(".*keyword '(notif|smtp_|vrrp_notify_fifo|vrrp_sync).*"));
        assertThat(warnings).noneMatch(w -> w.contains("sync groups are not implemented"));
        assertThat(result.files()).hasSize(2).last().asString().endsWith("conf.d/extra.conf");
    }

    @Test
    void globalsReachTheModel() throws Exception {
        GlobalDefs g = parse(Optional.empty()).config().globalDefs();
        assertThat(g.routerId()).contains("lb-1");
        assertThat(g.notificationEmails()).containsExactly("ops@example.org", "noc@example.org");
        assertThat(g.smtpServer()).contains("203.0.113.25 587");
        assertThat(g.scriptUser()).contains("nobody");
        assertThat(g.scriptGroup()).contains("nogroup");
        assertThat(g.enableScriptSecurity()).isTrue();
        assertThat(g.vrrpMcastGroup6()).isEqualTo("ff02::12");
        assertThat(g.garpMasterRepeat()).contains(4);
        // vrrp_min_garp comes after vrrp_garp_master_*: they keep their values; garp_lower_prio has its own
        assertThat(g.protocolDefaults()).isEqualTo(new ProtocolOptions(true, true, true, true, true, true, 5, 1, 3,
                1000, 1000));
        assertThat(g.notifySettings()).containsEntry("notify_fifo", "/run/vigil/notify.fifo")
                .containsEntry("smtp_helo_name", "lb.example.org");
    }

    @Test
    void conditionalLinesFollowTheConfigId() throws Exception {
        assertThat(parse(Optional.of("lb1")).config().instance("VI_1").orElseThrow().priority()).isEqualTo(150);
        assertThat(parse(Optional.of("lb2")).config().instance("VI_1").orElseThrow().priority()).isEqualTo(100);
        assertThat(parse(Optional.empty()).config().instance("VI_1").orElseThrow().priority()).isEqualTo(100);
    }

    @Test
    void instanceKeywordsReachTheModel() throws Exception {
        KeepalivedConfig config = parse(Optional.of("lb1")).config();
        VrrpInstanceDef vi1 = config.instance("VI_1").orElseThrow();
        assertThat(vi1.interfaceName()).isEqualTo("eth0");
        assertThat(vi1.virtualIpAddresses()).map(v -> v.normalized("eth0"))
                .containsExactly("198.51.100.100/24 dev eth0 label eth0:vip", "198.51.100.101/32 dev eth0");
        assertThat(vi1.sourceAddress()).contains("198.51.100.1");
        assertThat(vi1.vmacInterface()).contains("vrrp.51");
        assertThat(vi1.vmacTransmitBase()).isTrue();
        assertThat(vi1.vipDevice()).isEqualTo("vrrp.51");
        assertThat(vi1.authentication()).map(a -> a.password()).contains("s3cret");
        assertThat(vi1.tracked()).map(TrackRef::contractText).containsExactly("chk_nginx", "resolver weight=7",
                "haproxy weight=-25 reverse", "maintenance", "legacy_file weight=1", "web", "db weight=-5", "extra_dns");
        assertThat(vi1.trackInterfaces()).map(TrackRef::contractText).containsExactly("eth1 weight=-30", "eth2");
        assertThat(vi1.garpMasterDelaySeconds()).isEqualTo(2);
        assertThat(vi1.notifyScripts()).containsEntry("notify_master", "/usr/local/bin/notify.sh master")
                .containsEntry("notify", "/usr/local/bin/notify-all.sh");
        assertThat(vi1.extras()).map(e -> e.block() + ": " + e.text()).containsExactly(
                "virtual_routes: 203.0.113.0/24 via 198.51.100.254",
                "virtual_rules: from 203.0.113.0/24 priority 100 table 100",
                "virtual_ipaddress_excluded: 198.51.100.200/24 dev vrrp.51");
        VrrpInstanceDef vi2 = config.instance("VI_2").orElseThrow();
        assertThat(vi2.unicastPeers()).containsExactly("203.0.113.2", "203.0.113.3");
        // VI_2 has no garp_master_* of its own: global_defs' vrrp_garp_master_* apply
        assertThat(vi2.garpMasterDelaySeconds()).isEqualTo(3);
        assertThat(vi2.garpMasterRepeat()).isEqualTo(4);
        assertThat(vi2.garpMasterRefreshSeconds()).isEqualTo(60);
        assertThat(vi2.garpMasterRefreshRepeat()).isEqualTo(2);
        // VI_1: strict_mode off, its own lower-priority settings; VI_2: strict_mode off, the global ones
        assertThat(vi1.protocol()).isEqualTo(new ProtocolOptions(false, true, true, false, true, true, 5, 2, 3, 1000, 1000));
        assertThat(vi2.protocol()).isEqualTo(new ProtocolOptions(false, true, true, false, true, true, 5, 1, 3, 1000, 1000));
        assertThat(config.syncGroups()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("SG_1");
            assertThat(g.members()).containsExactly("VI_1", "VI_2");
            assertThat(g.notifyScripts()).containsEntry("notify_master", "/usr/local/bin/sg.sh")
                    .containsEntry("notify", "/usr/local/bin/sg-all.sh").hasSize(5);
            assertThat(g.smtpAlert()).contains(true);
            assertThat(g.settings()).containsOnlyKeys("global_tracking");
        });
        assertThat(vi1.smtpAlert()).contains(true);
        assertThat(vi2.smtpAlert()).contains(false);
        assertThat(config.statics()).map(s -> s.block() + ": " + s.text()).containsExactly(
                "static_ipaddress: 198.51.100.250/24 dev eth0", "static_routes: 0.0.0.0/0 via 198.51.100.254",
                "static_rules: from 198.51.100.0/24 priority 10 table 10");
    }

    @Test
    void trackersBecomeTheContractProperties() throws Exception {
        KeepalivedConfig config = parse(Optional.empty()).config();
        assertThat(config.trackers()).map(t -> t.factoryPid() + "~" + t.name()).containsExactly(
                "vigil.tracker.script~chk_nginx", "vigil.tracker.process~haproxy", "vigil.tracker.file~maintenance",
                "vigil.tracker.file~legacy_file", "vigil.tracker.http~web", "vigil.tracker.tcp~db",
                "vigil.tracker.dns~resolver", "vigil.tracker.dns~extra_dns");
        Map<String, Object> script = tracker(config, "chk_nginx").properties();
        assertThat(script).containsOnly(entry("vigil.tracker.name", "chk_nginx"), entry("intervalMillis", 2000),
                entry("timeoutMillis", 1500), entry("rise", 2), entry("fall", 3), entry("weight", 2),
                entry("reverse", false), entry("script", "pidof nginx"),
                entry("scriptArgv", new String[] {"pidof", "nginx"}), entry("user", "www-data"),
                entry("group", "www-data"), entry("initFail", true), entry("enableScriptSecurity", true));
        assertThat(tracker(config, "haproxy").properties()).containsOnly(entry("vigil.tracker.name", "haproxy"),
                entry("rise", 1), entry("fall", 1), entry("weight", -20), entry("reverse", true),
                entry("processName", "/usr/sbin/haproxy"), entry("parameters", "-f /etc/haproxy/haproxy.cfg"),
                entry("paramMatch", "partial"), entry("quorum", 1), entry("quorumMax", 4), entry("delayMillis", 500));
        assertThat(tracker(config, "maintenance").properties()).contains(entry("file", "/run/vigil/maintenance"),
                entry("weight", -50), entry("initFile", "0"));
        assertThat(tracker(config, "web").properties()).contains(entry("url", "http://198.51.100.20/health"),
                entry("statusCodes", new Integer[] {200, 204}),
                entry("digest", "9e107d9d372bb6826bd81d3542a419d6"), entry("connectTimeoutMillis", 1000),
                entry("readTimeoutMillis", 2000), entry("tlsVerify", false), entry("intervalMillis", 3000),
                entry("weight", 10));
        assertThat(tracker(config, "db").properties()).contains(entry("connectIp", "198.51.100.30"),
                entry("connectPort", 5432), entry("connectTimeoutMillis", 500), entry("fall", 3), entry("weight", -10));
        assertThat(tracker(config, "resolver").properties()).contains(entry("server", "198.51.100.53"),
                entry("query", "example.org"), entry("intervalMillis", 5000), entry("timeoutMillis", 2000),
                entry("weight", 5));
        assertThat(tracker(config, "extra_dns").location().file()).endsWith("conf.d/extra.conf");
    }

    private static TrackerDef tracker(KeepalivedConfig config, String name) {
        return config.tracker(name).orElseThrow();
    }
}
