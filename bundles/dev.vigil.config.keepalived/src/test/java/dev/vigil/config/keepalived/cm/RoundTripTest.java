package dev.vigil.config.keepalived.cm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;
import dev.vigil.config.keepalived.parser.SeedConfigs;

import java.io.IOException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * parse → ConfigAdmin properties → a keepalived.conf written from those properties alone →
 * parse → properties: the same. What the tracker and VRRP bundles receive is exactly what the
 * file says, with nothing lost on the way.
 */
class RoundTripTest {

    private static final Set<String> COMMON = Set.of("vigil.tracker.name", "intervalMillis", "timeoutMillis", "rise",
            "fall", "weight", "reverse", "vigil.config.origin");

    @ParameterizedTest
    @ValueSource(strings = {"every-keyword", "seed-master", "seed-backup"})
    void propertiesSurviveARoundTripThroughKeepalivedConf(String which) throws Exception {
        Path file = switch (which) {
            case "seed-master" -> SeedConfigs.MASTER;
            case "seed-backup" -> SeedConfigs.BACKUP;
            default -> Path.of(RoundTripTest.class.getResource("/valid/every-keyword.conf").toURI());
        };
        Map<String, Map<String, Object>> first = map(KeepalivedParser.parse(file, Optional.of("lb1")));

        String rendered = render(first);
        Map<String, Map<String, Object>> second = map(KeepalivedParser.parse("rendered.conf", rendered));

        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (String pid : first.keySet()) {
            assertThat(comparable(second.get(pid))).as(pid + " in\n" + rendered).isEqualTo(comparable(first.get(pid)));
        }
    }

    private static Map<String, Map<String, Object>> map(ParseResult result) throws IOException {
        assertThat(result.errors()).isEmpty();
        FakeConfigurationStore store = new FakeConfigurationStore();
        new ConfigAdminMapper(store).apply(result.config());
        Map<String, Map<String, Object>> all = new TreeMap<>();
        store.configurations.keySet().forEach(pid -> all.put(pid, store.propertiesOf(pid)));
        return all;
    }

    /** Arrays compared by content, the origin (a line number of another file) left out. */
    private static Map<String, Object> comparable(Map<String, Object> properties) {
        Map<String, Object> copy = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!k.equals("vigil.config.origin")) {
                copy.put(k, v instanceof Object[] array ? Arrays.asList(array) : v);
            }
        });
        return copy;
    }

    /** A keepalived.conf written from ConfigAdmin properties only. */
    private static String render(Map<String, Map<String, Object>> all) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> anyInstance = all.entrySet().stream().filter(e -> e.getKey().startsWith("vigil.instance~"))
                .map(Map.Entry::getValue).findFirst().orElse(Map.of());
        out.append("global_defs {\n");
        if (anyInstance.get("routerId") != null) {
            out.append("  router_id ").append(anyInstance.get("routerId")).append('\n');
        }
        for (String interval : List.of("garp", "gna")) {
            Object micros = anyInstance.get(interval + "IntervalMicros");
            if (micros != null && (Integer) micros > 0) {
                out.append("  vrrp_").append(interval).append("_interval ")
                        .append(java.math.BigDecimal.valueOf((Integer) micros, 6).toPlainString()).append('\n');
            }
        }
        if (all.values().stream().anyMatch(p -> Boolean.TRUE.equals(p.get("enableScriptSecurity")))) {
            out.append("  enable_script_security\n");
        }
        renderMail(out, all.get("vigil.notify.smtp~default"));
        Map<String, Object> firewall = all.get("vigil.firewall.nftables~default");
        if (firewall != null) {
            out.append("  nftables ").append(firewall.get("table")).append("\n  nftables_priority ")
                    .append(firewall.get("priority")).append('\n')
                    .append(Boolean.TRUE.equals(firewall.get("counters")) ? "  nftables_counters\n" : "");
        }
        for (String fifo : List.of("notify_fifo", "vrrp_notify_fifo")) {
            Map<String, Object> p = all.get("vigil.notify.fifo~" + fifo);
            if (p != null) {
                out.append("  ").append(fifo).append(' ').append(p.get("path")).append(runAs(p)).append('\n');
                if (p.containsKey("script")) {
                    out.append("  ").append(fifo).append("_script \"").append(p.get("script")).append('"')
                            .append(runAs(p)).append('\n');
                }
            }
        }
        out.append("}\n");
        all.forEach((pid, p) -> {
            if (pid.startsWith("vigil.tracker.")) {
                renderTracker(out, pid.substring("vigil.tracker.".length(), pid.indexOf('~')), p);
            }
        });
        all.forEach((pid, p) -> {
            if (pid.startsWith("vigil.instance~")) {
                renderInstance(out, p, all);
            }
        });
        all.forEach((pid, p) -> {
            if (pid.startsWith("vigil.syncgroup~")) {
                out.append("vrrp_sync_group ").append(p.get("name")).append(" {\n  group {\n");
                for (String member : (String[]) p.get("instances")) {
                    out.append("    ").append(member).append('\n');
                }
                out.append("  }\n");
                if (Boolean.TRUE.equals(p.get("syncGroupTrackingWeight"))) {
                    out.append("  sync_group_tracking_weight\n");
                }
                renderNotify(out, "group", (String) p.get("name"), all);
                out.append("}\n");
            }
        });
        Map<String, Object> statics = all.getOrDefault("vigil.static~default", Map.of());
        renderLines(out, "static_ipaddress", (String[]) statics.get("staticIpAddresses"));
        renderLines(out, "static_routes", (String[]) statics.get("staticRoutes"));
        renderLines(out, "static_rules", (String[]) statics.get("staticRules"));
        all.forEach((pid, p) -> {
            if (pid.startsWith("vigil.notify.webhook~")) {
                renderWebhook(out, pid.substring(pid.indexOf('~') + 1), p);
            }
        });
        return out.toString();
    }

    /** {@code keyword { line... }} when there are lines. */
    private static void renderLines(StringBuilder out, String keyword, String[] lines) {
        if (lines == null || lines.length == 0) {
            return;
        }
        out.append(keyword).append(" {\n");
        for (String line : lines) {
            out.append("    ").append(line).append('\n');
        }
        out.append(keyword.isBlank() ? "" : keyword.substring(0, keyword.length() - keyword.strip().length()))
                .append("}\n");
    }

    private static void renderMail(StringBuilder out, Map<String, Object> p) {
        if (p == null) {
            return;
        }
        out.append("  notification_email {\n");
        for (String to : (String[]) p.get("to")) {
            out.append("    ").append(to).append('\n');
        }
        out.append("  }\n  smtp_server ").append(p.get("server")).append(' ').append(p.get("port")).append('\n')
                .append("  smtp_connect_timeout ").append((Integer) p.get("connectTimeoutMillis") / 1000).append('\n');
        if (p.containsKey("from")) {
            out.append("  notification_email_from ").append(p.get("from")).append('\n');
        }
        if (p.containsKey("heloName")) {
            out.append("  smtp_helo_name ").append(p.get("heloName")).append('\n');
        }
    }

    /** The notify lines and smtp_alert of one instance or group, from its script and SMTP notifiers. */
    private static void renderNotify(StringBuilder out, String scope, String name, Map<String, Map<String, Object>> all) {
        Map<String, Object> scripts = all.get("vigil.notify.script~" + scope + "." + name);
        if (scripts != null) {
            Map.of("notifyMaster", "notify_master", "notifyBackup", "notify_backup", "notifyFault", "notify_fault",
                    "notifyStop", "notify_stop", "notifyDeleted", "notify_deleted", "notify", "notify")
                    .forEach((property, keyword) -> {
                        if (scripts.containsKey(property)) {
                            out.append("  ").append(keyword).append(" \"").append(scripts.get(property)).append('"')
                                    .append(runAs(scripts)).append('\n');
                        }
                    });
        }
        Map<String, Object> smtp = all.get("vigil.notify.smtp~default");
        if (smtp != null && Arrays.asList((String[]) smtp.get("vigil.notify.scope")).contains(scope + ":" + name)) {
            out.append("  smtp_alert\n");
        }
    }

    private static String runAs(Map<String, Object> p) {
        return p.containsKey("user") ? " " + p.get("user") + (p.containsKey("group") ? " " + p.get("group") : "") : "";
    }

    private static void renderWebhook(StringBuilder out, String name, Map<String, Object> p) {
        out.append("vigil_webhook ").append(name).append(" {\n  url ").append(p.get("url")).append('\n')
                .append("  timeout ").append(seconds(p.get("timeoutMillis"))).append('\n')
                .append("  retry_for ").append(seconds(p.get("retryForMillis"))).append('\n');
        if (p.containsKey(".secret")) {
            out.append("  secret ").append(p.get(".secret")).append('\n');
        }
        if (p.containsKey("vigil.notify.scope")) {
            for (String key : (String[]) p.get("vigil.notify.scope")) {
                String[] scopeAndName = key.split(":", 2);
                out.append(scopeAndName[0].equals("instance") ? "  instances " : "  groups ").append(scopeAndName[1])
                        .append('\n');
            }
        }
        out.append("}\n");
    }

    private static void renderTracker(StringBuilder out, String kind, Map<String, Object> p) {
        String block = switch (kind) {
            case "script" -> "vrrp_script";
            case "process" -> "vrrp_track_process";
            case "file" -> "track_file";
            case "http" -> "vrrp_track_http";
            case "tcp" -> "vrrp_track_tcp";
            default -> "vrrp_track_plugin";
        };
        out.append(block).append(' ').append(p.get("vigil.tracker.name")).append(" {\n");
        if (p.containsKey("intervalMillis") && !kind.equals("process") && !kind.equals("file")) {
            out.append("  interval ").append(seconds(p.get("intervalMillis"))).append('\n');
        }
        if (p.containsKey("timeoutMillis")) {
            out.append("  timeout ").append(seconds(p.get("timeoutMillis"))).append('\n');
        }
        if (!kind.equals("process") && !kind.equals("file")) {
            out.append("  rise ").append(p.get("rise")).append("\n  fall ").append(p.get("fall")).append('\n');
        }
        out.append("  weight ").append(p.get("weight")).append(Boolean.TRUE.equals(p.get("reverse")) ? " reverse" : "")
                .append('\n');
        Map<String, Object> specific = new LinkedHashMap<>(p);
        specific.keySet().removeAll(COMMON);
        switch (kind) {
            case "script" -> {
                out.append("  script \"").append(p.get("script")).append("\"\n");
                if (p.containsKey("user")) {
                    out.append("  user ").append(p.get("user")).append(' ').append(p.getOrDefault("group", ""))
                            .append('\n');
                }
                if (Boolean.TRUE.equals(p.get("initFail"))) {
                    out.append("  init_fail\n");
                }
            }
            case "process" -> {
                out.append("  process ").append(p.get("processName"))
                        .append(p.containsKey("parameters") ? " " + p.get("parameters") : "").append('\n');
                out.append("  param_match ").append(p.get("paramMatch")).append("\n  quorum ").append(p.get("quorum"))
                        .append('\n');
                if (p.containsKey("quorumMax")) {
                    out.append("  quorum_max ").append(p.get("quorumMax")).append('\n');
                }
                if (p.containsKey("delayMillis")) {
                    out.append("  delay ").append(seconds(p.get("delayMillis"))).append('\n');
                }
            }
            case "file" -> {
                out.append("  file ").append(p.get("file")).append('\n');
                if (p.containsKey("initFile")) {
                    out.append("  init_file ").append(p.get("initFile")).append('\n');
                }
            }
            case "http" -> {
                out.append("  url ").append(p.get("url")).append("\n  status_code");
                for (Integer code : (Integer[]) p.get("statusCodes")) {
                    out.append(' ').append(code);
                }
                out.append('\n');
                if (p.containsKey("digest")) {
                    out.append("  digest ").append(p.get("digest")).append('\n');
                }
                if (p.containsKey("connectTimeoutMillis")) {
                    out.append("  connect_timeout ").append(seconds(p.get("connectTimeoutMillis"))).append('\n');
                }
                if (p.containsKey("readTimeoutMillis")) {
                    out.append("  read_timeout ").append(seconds(p.get("readTimeoutMillis"))).append('\n');
                }
                out.append("  tls_verify ").append(Boolean.TRUE.equals(p.get("tlsVerify")) ? "on" : "off").append('\n');
            }
            case "tcp" -> {
                out.append("  connect_ip ").append(p.get("connectIp")).append("\n  connect_port ")
                        .append(p.get("connectPort")).append('\n');
                if (p.containsKey("connectTimeoutMillis")) {
                    out.append("  connect_timeout ").append(seconds(p.get("connectTimeoutMillis"))).append('\n');
                }
            }
            default -> {
                out.append("  kind ").append(kind).append('\n');
                specific.forEach((k, v) -> out.append("  param ").append(k).append(' ').append(v).append('\n'));
            }
        }
        out.append("}\n");
    }

    private static void renderInstance(StringBuilder out, Map<String, Object> p, Map<String, Map<String, Object>> all) {
        out.append("vrrp_instance ").append(p.get("name")).append(" {\n")
                .append("  state ").append(p.get("initialState")).append('\n')
                .append("  interface ").append(p.get("interfaceName")).append('\n')
                .append("  virtual_router_id ").append(p.get("virtualRouterId")).append('\n')
                .append("  version ").append(p.get("version")).append('\n')
                .append("  priority ").append(p.get("priority")).append('\n')
                .append("  advert_int ").append(((Integer) p.get("advertIntervalCentis")) / 100.0).append('\n');
        if (Boolean.FALSE.equals(p.get("preempt"))) {
            out.append("  nopreempt\n");
        }
        out.append("  preempt_delay ").append(((Integer) p.get("preemptDelayCentis")) / 100.0).append('\n');
        if (p.containsKey("authPass")) {
            out.append("  authentication {\n    auth_type PASS\n    auth_pass ").append(p.get("authPass"))
                    .append("\n  }\n");
        }
        out.append("  virtual_ipaddress {\n");
        for (String vip : (String[]) p.get("virtualIpAddresses")) {
            out.append("    ").append(keepalivedPeer(vip)).append('\n');
        }
        out.append("  }\n");
        renderLines(out, "  virtual_ipaddress_excluded", (String[]) p.get("excludedIpAddresses"));
        if (p.containsKey("vmacInterface")) {
            out.append("  use_vmac ").append(p.get("vmacInterface")).append('\n')
                    .append(Boolean.TRUE.equals(p.get("vmacTransmitBase")) ? "  vmac_xmit_base\n" : "");
        }
        if (Boolean.TRUE.equals(p.get("noAccept"))) {
            out.append("  no_accept\n");
        }
        renderLines(out, "  virtual_routes", (String[]) p.get("virtualRoutes"));
        renderLines(out, "  virtual_rules", (String[]) p.get("virtualRules"));
        String[] peers = (String[]) p.get("unicastPeers");
        if (p.containsKey("sourceAddress")) {
            out.append(peers.length > 0 ? "  unicast_src_ip " : "  mcast_src_ip ").append(p.get("sourceAddress"))
                    .append('\n');
        }
        if (peers.length > 0) {
            out.append("  unicast_peer {\n");
            java.util.Map<String, String> ttls = new java.util.HashMap<>();
            for (String t : (String[]) p.getOrDefault("unicastPeerTtls", new String[0])) {
                String[] f = t.split(" ");
                ttls.put(f[0], " min_ttl " + f[1] + " max_ttl " + f[2]);
            }
            for (String peer : peers) {
                out.append("    ").append(peer).append(ttls.getOrDefault(peer, "")).append('\n');
            }
            out.append("  }\n");
        }
        out.append("  garp_master_delay ").append(p.get("garpMasterDelaySeconds")).append('\n')
                .append("  garp_master_repeat ").append(p.get("garpMasterRepeat")).append('\n')
                .append("  garp_master_refresh ").append(p.get("garpMasterRefreshSeconds")).append('\n')
                .append("  garp_master_refresh_repeat ").append(p.get("garpMasterRefreshRepeat")).append('\n')
                .append("  skip_check_adv_addr ").append(p.get("skipCheckAdvertAddresses")).append('\n')
                .append(Boolean.TRUE.equals(p.get("checkUnicastSource")) ? "  check_unicast_src\n" : "")
                .append("  owner_ignore_adverts ").append(p.get("ownerIgnoresAdverts")).append('\n')
                .append("  lower_prio_no_advert ").append(p.get("lowerPriorityNoAdvert")).append('\n')
                .append("  higher_prio_send_advert ").append(p.get("higherPrioritySendAdvert")).append('\n')
                .append("  garp_lower_prio_delay ").append(p.get("garpLowerPriorityDelaySeconds")).append('\n')
                .append("  garp_lower_prio_repeat ").append(p.get("garpLowerPriorityRepeat")).append('\n')
                .append("  down_timer_adverts ").append(p.get("downTimerAdverts")).append('\n');
        if (!"224.0.0.18".equals(p.get("multicastGroup")) && !"ff02::12".equals(p.get("multicastGroup"))) {
            out.append("  mcast_dst_ip ").append(p.get("multicastGroup")).append('\n');
        }
        if (Boolean.FALSE.equals(p.get("trackInterface"))) {
            out.append("  dont_track_primary\n");
        }
        if (Boolean.TRUE.equals(p.get("faultWithoutUnicastPeers"))) {
            out.append("  unicast_fault_no_peer\n");
        }
        if (p.get("garpExtraInterfaceSeconds") != null) {
            // the interfaces follow from the addresses' devices; 'all' reaches the non-VMAC ones
            out.append("  garp_extra_if all ").append(p.get("garpExtraInterfaceSeconds")).append('\n');
        }
        if (p.get("timerExpiredBackupPriority") != null) {
            out.append("  timer_expired_backup ").append(p.get("timerExpiredBackupPriority")).append('\n');
        }
        if (p.get("unicastTtl") != null) {
            out.append("  unicast_ttl ").append(p.get("unicastTtl")).append('\n');
        }
        if (p.get("receiveBufferBytes") != null) {
            out.append("  kernel_rx_buf_size ").append(p.get("receiveBufferBytes")).append('\n');
        }
        if (Boolean.TRUE.equals(p.get("promoteSecondaries"))) {
            out.append("  promote_secondaries\n");
        }
        if (Boolean.TRUE.equals(p.get("v3ChecksumAsV2"))) {
            out.append("  v3_checksum_as_v2\n");
        }
        if (p.get("oldUnicastChecksum") != null) {
            out.append("  old_unicast_checksum").append("never".equals(p.get("oldUnicastChecksum")) ? " never\n" : "\n");
        }
        // every tracked check through track_script, which may name a tracker of any kind
        out.append("  track_script {\n");
        for (String tracked : (String[]) p.get("trackers")) {
            // the kind is the tracker block's, not a track-list word
            out.append("    ").append(tracked.replaceAll(" kind=\\S+", "").replace("weight=", "weight ")).append('\n');
        }
        out.append("  }\n  track_interface {\n");
        for (String tracked : (String[]) p.get("trackInterfaces")) {
            out.append("    ").append(tracked.replace("weight=", "weight ")).append('\n');
        }
        out.append("  }\n");
        renderNotify(out, "instance", (String) p.get("name"), all);
        out.append("}\n");
    }

    /** {@code A/LEN ... peer P} (the contract: the length is the peer's) as keepalived writes it, {@code A ... peer P/LEN}. */
    private static String keepalivedPeer(String vip) {
        return vip.replaceFirst("^(\\S+)/(\\d+)( .*) peer (\\S+)", "$1$3 peer $4/$2");
    }

    private static String seconds(Object millis) {
        return new java.math.BigDecimal((Integer) millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

}
