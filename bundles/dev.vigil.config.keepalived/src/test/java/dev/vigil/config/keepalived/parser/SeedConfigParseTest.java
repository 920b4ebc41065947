package dev.vigil.config.keepalived.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.InitialState;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.model.VrrpScriptDef;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The seed's MASTER (NBSP-indented, with the smpt_alert typo) and BACKUP configurations. */
class SeedConfigParseTest {

    private static final String M = SeedConfigs.MASTER.toString();
    private static final String B = SeedConfigs.BACKUP.toString();

    @Test
    void masterFileReallyIsIndentedWithNoBreakSpaces() throws IOException {
        String text = Files.readString(SeedConfigs.MASTER, StandardCharsets.UTF_8);
        assertThat(text).contains(" \u00a0 \u00a0 \u00a0 \u00a0 \u00a0virtual_router_id 51").contains("smpt_alert");
    }

    @Test
    void masterIsValidWithExactlyTheseWarnings() {
        ParseResult result = KeepalivedParser.parse(SeedConfigs.MASTER);

        assertThat(result.valid()).isTrue();
        assertThat(result.diagnostics()).map(Object::toString).containsExactly(
                // the seed misspells smtp_alert (line 59): no instance alerts, so no mail would ever go out
                M + ":11: warning: smtp_server and notification_email are set but smtp_alert is on for no "
                        + "vrrp_instance or vrrp_sync_group; no mail is sent",
                M + ":25: warning: vrrp_script 'chk_haproxy' is not used by any vrrp_instance",
                M + ":25: warning: SECURITY VIOLATION - scripts are being executed but script_security not enabled",
                M + ":59: warning: unknown keyword 'smpt_alert' \u2014 did you mean 'smtp_alert'?");
        assertThat(result.scriptSecurityViolation()).isTrue();
    }

    @Test
    void masterModel() {
        KeepalivedConfig config = KeepalivedParser.parse(SeedConfigs.MASTER).config();

        GlobalDefs globals = config.globalDefs();
        assertThat(globals.routerId()).contains("192.168.10.11");
        assertThat(globals.vrrpVersion()).isEqualTo(2);
        assertThat(globals.vrrpMcastGroup4()).isEqualTo("224.0.0.18");
        assertThat(globals.notificationEmails()).containsExactly("abcdefdg@gmail.com");
        assertThat(globals.notificationEmailFrom()).contains("xyzyzxyz@gmail.com");
        assertThat(globals.smtpServer()).contains("smpt.gmail.com");
        assertThat(globals.smtpConnectTimeoutSeconds()).contains(30);
        assertThat(globals.location().map(Object::toString)).contains(M + ":1");

        assertThat(config.scripts()).extracting(VrrpScriptDef::name, VrrpScriptDef::script, VrrpScriptDef::weight,
                        s -> s.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chk_haproxy", "pidof haproxy", 2, 25),
                        org.assertj.core.groups.Tuple.tuple("chk_nginx", "pidof nginx", 2, 37));
        VrrpScriptDef nginx = config.script("chk_nginx").orElseThrow();
        assertThat(nginx.intervalSeconds()).isEqualByComparingTo(new BigDecimal(2));
        assertThat(nginx.timeoutSeconds()).isEmpty();
        assertThat(nginx.rise()).isEqualTo(1);
        assertThat(nginx.fall()).isEqualTo(1);
        assertThat(nginx.scriptWords()).containsExactly("pidof", "nginx");

        assertThat(config.instances()).hasSize(1);
        VrrpInstanceDef wan = config.instance("VI_WAN").orElseThrow();
        assertThat(wan.location().toString()).isEqualTo(M + ":49");
        assertThat(wan.interfaceName()).isEqualTo("ens160");
        assertThat(wan.initialState()).isEqualTo(InitialState.MASTER);
        assertThat(wan.virtualRouterId()).isEqualTo(51);
        assertThat(wan.priority()).isEqualTo(100);
        assertThat(wan.version()).isEqualTo(2);
        assertThat(wan.advertIntervalCentis()).isEqualTo(100);
        assertThat(wan.preempt()).isTrue();
        assertThat(wan.authentication()).isEmpty();
        assertThat(wan.virtualIpAddresses()).map(v -> v.normalized(wan.interfaceName()))
                .containsExactly("192.168.10.100/32 dev ens160");
        assertThat(wan.virtualIpAddresses().get(0).location().line()).isEqualTo(63);
        assertThat(wan.trackScripts()).containsExactly(
                new TrackScriptRef("chk_nginx", Optional.empty(), false, new dev.vigil.config.keepalived.diag.SourceLocation(M, 71)));
        assertThat(wan.smtpAlert()).isEmpty();
        assertThat(wan.garpMasterDelaySeconds()).isEqualTo(5);
        assertThat(wan.garpMasterRepeat()).isEqualTo(5);
        assertThat(wan.garpMasterRefreshSeconds()).isZero();
        assertThat(wan.garpMasterRefreshRepeat()).isEqualTo(1);
    }

    @Test
    void backupIsValidWithExactlyTheseWarnings() {
        ParseResult result = KeepalivedParser.parse(SeedConfigs.BACKUP);

        assertThat(result.valid()).isTrue();
        assertThat(result.diagnostics()).map(Object::toString).containsExactly(
                B + ":6: warning: smtp_server and notification_email are set but smtp_alert is on for no "
                        + "vrrp_instance or vrrp_sync_group; no mail is sent",
                B + ":11: warning: SECURITY VIOLATION - scripts are being executed but script_security not enabled",
                B + ":28: warning: unknown keyword 'smpt_alert' \u2014 did you mean 'smtp_alert'?");
    }

    @Test
    void backupModel() {
        KeepalivedConfig config = KeepalivedParser.parse(SeedConfigs.BACKUP).config();

        assertThat(config.globalDefs().notificationEmails()).containsExactly("abcabcabc@gmail.com");
        assertThat(config.instances()).extracting(VrrpInstanceDef::name, VrrpInstanceDef::interfaceName,
                        VrrpInstanceDef::initialState, VrrpInstanceDef::virtualRouterId, VrrpInstanceDef::priority,
                        i -> i.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("VI_WAN", "ens160", InitialState.BACKUP, 51, 99, 23),
                        org.assertj.core.groups.Tuple.tuple("VI_LAN", "ens192", InitialState.MASTER, 110, 99, 38));
        VrrpInstanceDef wan = config.instance("VI_WAN").orElseThrow();
        VrrpInstanceDef lan = config.instance("VI_LAN").orElseThrow();
        assertThat(wan.virtualIpAddresses()).map(v -> v.normalized("ens160")).containsExactly("103.53.170.205/32 dev ens160");
        assertThat(lan.virtualIpAddresses()).map(v -> v.normalized("ens192")).containsExactly("192.168.43.205/32 dev ens192");
        assertThat(wan.trackScripts()).map(TrackScriptRef::name).containsExactly("chk_nginx");
        assertThat(lan.trackScripts()).map(TrackScriptRef::name).containsExactly("chk_haproxy");
    }
}
