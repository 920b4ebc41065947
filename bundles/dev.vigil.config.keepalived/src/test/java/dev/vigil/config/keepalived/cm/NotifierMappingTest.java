package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * keepalived.conf's notifier settings and sync groups → the exact ConfigAdmin properties of
 * docs/CONTRACTS.md ("ConfigAdmin properties of notifiers", "Sync groups").
 */
class NotifierMappingTest {

    private final FakeConfigurationStore store = new FakeConfigurationStore();

    private ParseResult apply(String... lines) throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines));
        assertThat(result.errors()).as("%s", result.diagnostics()).isEmpty();
        new ConfigAdminMapper(store).apply(result.config());
        return result;
    }

    /** src/test/resources/valid/every-keyword.conf: every notifier keyword at once. */
    @Nested
    class EveryKeyword {

        private final String f = file().toString();

        private Path file() {
            try {
                return Path.of(NotifierMappingTest.class.getResource("/valid/every-keyword.conf").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private void applyFile() throws IOException {
            ParseResult result = KeepalivedParser.parse(file(), Optional.of("lb1"));
            assertThat(result.errors()).isEmpty();
            new ConfigAdminMapper(store).apply(result.config());
        }

        @Test
        void eachNotifierAndSyncGroupIsOneConfiguration() throws IOException {
            applyFile();
            assertThat(store.configurations.keySet()).filteredOn(pid -> !pid.startsWith("vigil.instance~")
                    && !pid.startsWith("vigil.tracker.") && !pid.startsWith("vigil.static~")
                    && !pid.startsWith("vigil.firewall.")).containsExactlyInAnyOrder(
                    "vigil.notify.script~instance.VI_1", "vigil.notify.script~group.SG_1",
                    "vigil.notify.fifo~notify_fifo", "vigil.notify.fifo~vrrp_notify_fifo",
                    "vigil.notify.smtp~default", "vigil.notify.webhook~ops", "vigil.syncgroup~SG_1");
        }

        @Test
        void instanceNotifyScripts() throws IOException {
            applyFile();
            assertThat(store.propertiesOf("vigil.notify.script~instance.VI_1")).containsOnly(
                    entry("vigil.notify.name", "script:instance:VI_1"),
                    entry("vigil.notify.scope", new String[] {"instance:VI_1"}),
                    entry("routerId", "lb-1"),
                    entry("notifyMaster", "/usr/local/bin/notify.sh master"),
                    entry("notifyMasterArgv", new String[] {"/usr/local/bin/notify.sh", "master"}),
                    entry("notifyBackup", "/usr/local/bin/notify.sh backup"),
                    entry("notifyBackupArgv", new String[] {"/usr/local/bin/notify.sh", "backup"}),
                    entry("notifyFault", "/usr/local/bin/notify.sh fault"),
                    entry("notifyFaultArgv", new String[] {"/usr/local/bin/notify.sh", "fault"}),
                    entry("notifyStop", "/usr/local/bin/notify.sh stop"),
                    entry("notifyStopArgv", new String[] {"/usr/local/bin/notify.sh", "stop"}),
                    entry("notify", "/usr/local/bin/notify-all.sh"),
                    entry("notifyArgv", new String[] {"/usr/local/bin/notify-all.sh"}),
                    // keepalived's quoting: the single-quoted words are one argument
                    entry("notifyDeleted", "/usr/local/bin/notify.sh 'deleted instance'"),
                    entry("notifyDeletedArgv", new String[] {"/usr/local/bin/notify.sh", "deleted instance"}),
                    entry("user", "nobody"),
                    entry("group", "nogroup"),
                    entry("enableScriptSecurity", true),
                    entry("timeoutMillis", 30000),
                    entry("vigil.config.origin", f + ":170"));
        }

        @Test
        void groupNotifyScripts() throws IOException {
            applyFile();
            assertThat(store.propertiesOf("vigil.notify.script~group.SG_1")).containsOnly(
                    entry("vigil.notify.name", "script:group:SG_1"),
                    entry("vigil.notify.scope", new String[] {"group:SG_1"}),
                    entry("routerId", "lb-1"),
                    entry("notifyMaster", "/usr/local/bin/sg.sh"),
                    entry("notifyMasterArgv", new String[] {"/usr/local/bin/sg.sh"}),
                    entry("notifyBackup", "/usr/local/bin/sg.sh backup"),
                    entry("notifyBackupArgv", new String[] {"/usr/local/bin/sg.sh", "backup"}),
                    entry("notifyFault", "/usr/local/bin/sg.sh fault"),
                    entry("notifyFaultArgv", new String[] {"/usr/local/bin/sg.sh", "fault"}),
                    entry("notifyStop", "/usr/local/bin/sg.sh stop"),
                    entry("notifyStopArgv", new String[] {"/usr/local/bin/sg.sh", "stop"}),
                    entry("notify", "/usr/local/bin/sg-all.sh"),
                    entry("notifyArgv", new String[] {"/usr/local/bin/sg-all.sh"}),
                    entry("user", "nobody"),
                    entry("group", "nogroup"),
                    entry("enableScriptSecurity", true),
                    entry("timeoutMillis", 30000),
                    entry("vigil.config.origin", f + ":209"));
        }

        @Test
        void fifos() throws IOException {
            applyFile();
            assertThat(store.propertiesOf("vigil.notify.fifo~notify_fifo")).containsOnly(
                    entry("vigil.notify.name", "fifo:notify_fifo"),
                    entry("routerId", "lb-1"),
                    entry("path", "/run/vigil/notify.fifo"),
                    entry("script", "/usr/local/bin/fifo-reader.sh --all"),
                    entry("scriptArgv", new String[] {"/usr/local/bin/fifo-reader.sh", "--all"}),
                    entry("user", "nobody"),
                    entry("group", "nogroup"),
                    entry("enableScriptSecurity", true),
                    entry("vigil.config.origin", f + ":38"));
            // 'vrrp_notify_fifo PATH USER': its own user, whose primary group applies (no group property)
            assertThat(store.propertiesOf("vigil.notify.fifo~vrrp_notify_fifo")).containsOnly(
                    entry("vigil.notify.name", "fifo:vrrp_notify_fifo"),
                    entry("routerId", "lb-1"),
                    entry("path", "/run/vigil/vrrp.fifo"),
                    entry("script", "/usr/local/bin/vrrp-fifo.sh"),
                    entry("scriptArgv", new String[] {"/usr/local/bin/vrrp-fifo.sh"}),
                    entry("user", "keepalived_script"),
                    entry("enableScriptSecurity", true),
                    entry("vigil.config.origin", f + ":40"));
        }

        @Test
        void smtpWithTheScopeOfKeepalivedsRules() throws IOException {
            applyFile();
            // VI_1 and SG_1 say smtp_alert, VI_2 says smtp_alert off (over global smtp_alert and smtp_alert_vrrp)
            assertThat(store.propertiesOf("vigil.notify.smtp~default")).containsOnly(
                    entry("vigil.notify.name", "smtp"),
                    entry("vigil.notify.scope", new String[] {"instance:VI_1", "group:SG_1"}),
                    entry("routerId", "lb-1"),
                    entry("server", "203.0.113.25"),
                    entry("port", 587),
                    entry("connectTimeoutMillis", 30000),
                    entry("heloName", "lb.example.org"),
                    entry("from", "vigil@example.org"),
                    entry("to", new String[] {"ops@example.org", "noc@example.org"}),
                    entry("vigil.config.origin", f + ":13"));
        }

        @Test
        void webhook() throws IOException {
            applyFile();
            assertThat(store.propertiesOf("vigil.notify.webhook~ops")).containsOnly(
                    entry("vigil.notify.name", "webhook:ops"),
                    entry("vigil.notify.scope", new String[] {"instance:VI_1", "group:SG_1"}),
                    entry("routerId", "lb-1"),
                    entry("url", "https://203.0.113.80/hooks/vrrp"),
                    entry(".secret", "s3cr3t-token"),
                    entry("timeoutMillis", 2500),
                    entry("retryForMillis", 120000),
                    entry("vigil.config.origin", f + ":218"));
        }

        @Test
        void syncGroup() throws IOException {
            applyFile();
            assertThat(store.propertiesOf("vigil.syncgroup~SG_1")).containsOnly(
                    entry("name", "SG_1"),
                    entry("instances", new String[] {"VI_1", "VI_2"}),
                    entry("syncGroupTrackingWeight", true),
                    entry("vigil.config.origin", f + ":204"));
        }
    }

    @Nested
    class SmtpScope {

        private final String[] mail = {"global_defs {", "    notification_email { ops@example.org }",
                "    smtp_server mail.example.org"};

        @Test
        void globalSmtpAlertTurnsOnEveryInstanceAndGroupWithDefaultPortAndTimeout() throws IOException {
            apply(lines(mail, new String[] {"    smtp_alert", "}"}, instance("A", 1), instance("B", 2),
                    new String[] {"vrrp_sync_group G { group { A B } }"}));

            assertThat(store.propertiesOf("vigil.notify.smtp~default")).containsOnly(
                    entry("vigil.notify.name", "smtp"),
                    entry("vigil.notify.scope", new String[] {"instance:A", "instance:B", "group:G"}),
                    entry("server", "mail.example.org"),
                    entry("port", 25),
                    entry("connectTimeoutMillis", 30000),
                    entry("to", new String[] {"ops@example.org"}),
                    entry("vigil.config.origin", "t.conf:3"));
        }

        @Test
        void noEmailFaultsReachesTheSmtpNotifier() throws IOException {
            ParseResult result = apply(lines(mail, new String[] {"    smtp_alert", "    no_email_faults", "}"},
                    instance("A", 1)));

            assertThat(store.propertiesOf("vigil.notify.smtp~default")).contains(entry("noEmailFaults", true));
            assertThat(result.warnings()).isEmpty();
        }

        @Test
        void smtpAlertVrrpWinsOverSmtpAlertAndAnInstancesOwnSettingOverBoth() throws IOException {
            apply(lines(mail, new String[] {"    smtp_alert", "    smtp_alert_vrrp false", "}"},
                    instance("A", 1), instance("B", 2, "    smtp_alert true"),
                    new String[] {"vrrp_sync_group G { group { A B } }"}));

            assertThat(store.propertiesOf("vigil.notify.smtp~default"))
                    .contains(entry("vigil.notify.scope", new String[] {"instance:B"}));
        }

        @Test
        void withoutAnyAlertNoConfigurationIsWrittenAndTheFileSaysWhy() throws IOException {
            ParseResult result = apply(lines(mail, new String[] {"}"}, instance("A", 1)));

            assertThat(store.configurations).doesNotContainKey("vigil.notify.smtp~default");
            assertThat(result.warnings()).map(Object::toString).contains("t.conf:3: warning: smtp_server and "
                    + "notification_email are set but smtp_alert is on for no vrrp_instance or vrrp_sync_group; "
                    + "no mail is sent");
        }

        @Test
        void alertsWithoutARecipientWriteNothingAndSaySo() throws IOException {
            ParseResult result = apply(lines(new String[] {"global_defs {", "    smtp_server 203.0.113.25",
                    "}"}, instance("A", 1, "    smtp_alert")));

            assertThat(store.configurations).doesNotContainKey("vigil.notify.smtp~default");
            assertThat(result.warnings()).map(Object::toString).contains("t.conf:4: warning: smtp_alert is on for "
                    + "instance A but global_defs has no notification_email; no mail is sent");
        }

        @Test
        void aZeroConnectTimeoutIsOneSecondAsInKeepalived() throws IOException {
            ParseResult result = apply(lines(mail, new String[] {"    smtp_connect_timeout 0", "}"},
                    instance("A", 1, "    smtp_alert")));

            assertThat(store.propertiesOf("vigil.notify.smtp~default")).contains(entry("connectTimeoutMillis", 1000));
            assertThat(result.warnings()).map(Object::toString)
                    .contains("t.conf:4: warning: smtp_connect_timeout must be greater than 0; using 1");
        }
    }

    @Nested
    class NotifyScripts {

        @Test
        void wordsAfterTheCommandAreTheUserAndGroupAsInKeepalived() throws IOException {
            apply(lines(new String[] {"global_defs { script_user keepalived_script }"},
                    instance("A", 1, "    notify_master /usr/local/bin/up.sh nobody nogroup",
                            "    notify_backup \"/usr/local/bin/down.sh --now\" nobody nogroup")));

            assertThat(store.propertiesOf("vigil.notify.script~instance.A")).contains(
                    entry("notifyMaster", "/usr/local/bin/up.sh"),
                    entry("notifyBackupArgv", new String[] {"/usr/local/bin/down.sh", "--now"}),
                    entry("user", "nobody"), entry("group", "nogroup"), entry("enableScriptSecurity", false))
                    .doesNotContainKey("routerId");
        }

        @Test
        void theFirstLineOfAKeywordCountsAsInKeepalived() throws IOException {
            ParseResult result = apply(instance("A", 1, "    notify_master /usr/local/bin/first.sh",
                    "    notify_master /usr/local/bin/second.sh"));

            assertThat(store.propertiesOf("vigil.notify.script~instance.A"))
                    .contains(entry("notifyMaster", "/usr/local/bin/first.sh"));
            assertThat(result.warnings()).map(Object::toString).contains("t.conf:6: warning: 'notify_master' is "
                    + "already given at line 5; this one is ignored (keepalived keeps the first)");
        }

        @Test
        void anInstanceWithoutNotifyScriptsHasNoScriptNotifier() throws IOException {
            apply(instance("A", 1));

            assertThat(store.configurations).containsOnlyKeys("vigil.instance~A");
        }

        @Test
        void aBareNotifyDeletedAloneRunsNothingAndNeedsNoNotifier() throws IOException {
            ParseResult result = apply(instance("A", 1, "    notify_deleted"));

            assertThat(store.configurations).containsOnlyKeys("vigil.instance~A");
            assertThat(result.warnings()).isEmpty();
        }

        @Test
        void aBareNotifyDeletedTellsTheOtherScriptsDeletedAndTakesNoUser() throws IOException {
            ParseResult result = apply(instance("A", 1, "    notify \"/bin/true x\" nobody", "    notify_deleted"));

            assertThat(result.errors()).isEmpty();
            assertThat(store.propertiesOf("vigil.notify.script~instance.A"))
                    .contains(entry("notifyDeleted", ""), entry("notifyDeletedArgv", new String[0]),
                            entry("notifyArgv", new String[] {"/bin/true", "x"}), entry("user", "nobody"));
        }

        @Test
        void aFifoScriptWithoutItsFifoIsIgnoredWithAWarning() throws IOException {
            ParseResult result = apply(lines(new String[] {"global_defs {",
                    "    vrrp_notify_fifo_script /usr/local/bin/reader.sh", "}"}, instance("A", 1)));

            assertThat(store.configurations).containsOnlyKeys("vigil.instance~A");
            assertThat(result.warnings()).map(Object::toString).contains("t.conf:2: warning: "
                    + "'vrrp_notify_fifo_script' without 'vrrp_notify_fifo': no FIFO to read; ignored");
        }

        @Test
        void aVrrpFifoOnTheGlobalFifosPathIsIgnoredAsInKeepalived() throws IOException {
            ParseResult result = apply(lines(new String[] {"global_defs {", "    notify_fifo /run/k.fifo",
                    "    vrrp_notify_fifo /run/k.fifo", "}"}, instance("A", 1)));

            assertThat(store.configurations).containsKey("vigil.notify.fifo~notify_fifo")
                    .doesNotContainKey("vigil.notify.fifo~vrrp_notify_fifo");
            assertThat(result.warnings()).map(Object::toString).contains("t.conf:3: warning: notify FIFO /run/k.fifo "
                    + "has been specified for global and vrrp FIFO - ignoring vrrp FIFO");
        }
    }

    @Nested
    class SyncGroups {

        @Test
        void aGroupIsItsNameAndMembersWithoutANotImplementedWarning() throws IOException {
            ParseResult result = apply(lines(instance("A", 1), instance("B", 2),
                    new String[] {"vrrp_sync_group G {", "    group {", "        B", "        A", "    }", "}"}));

            assertThat(store.propertiesOf("vigil.syncgroup~G")).containsOnly(entry("name", "G"),
                    entry("instances", new String[] {"B", "A"}), entry("vigil.config.origin", "t.conf:11"));
            assertThat(result.warnings()).isEmpty();
        }

        @Test
        void trackingWeightsCountWithSyncGroupTrackingWeightOrGlobalTracking() throws IOException {
            for (String keyword : new String[] {"sync_group_tracking_weight", "global_tracking"}) {
                ParseResult result = apply(lines(instance("A", 1), instance("B", 2),
                        new String[] {"vrrp_sync_group G {", "    group { A B }", "    " + keyword, "}"}));
                assertThat(store.propertiesOf("vigil.syncgroup~G")).as(keyword)
                        .contains(entry("syncGroupTrackingWeight", true));
                assertThat(result.warnings()).as(keyword).isEmpty();
            }
        }

        @Test
        void aSecondMemberListIsIgnoredAsInKeepalived() throws IOException {
            ParseResult result = apply(lines(instance("A", 1), instance("B", 2),
                    new String[] {"vrrp_sync_group G {", "    group { A B }", "    group { B }", "}"}));

            assertThat(store.propertiesOf("vigil.syncgroup~G")).contains(entry("instances", new String[] {"A", "B"}));
            assertThat(result.warnings()).map(Object::toString).containsExactly("t.conf:13: warning: 'group' is "
                    + "already given at line 12; this one is ignored (keepalived keeps the first)");
        }

        @Test
        void addressOwnersMixedWithOtherMembersGetKeepalivedsWarning() throws IOException {
            ParseResult result = apply(lines(instance("A", 1, "    state MASTER", "    priority 255"),
                    instance("B", 2), new String[] {"vrrp_sync_group G { group { A B } }"}));

            assertThat(result.warnings()).map(Object::toString).containsExactly("t.conf:13: warning: Sync group G "
                    + "has some member(s) as address owner and some not as address owner. This won't work.");
        }
    }

    @Nested
    class Webhooks {

        @Test
        void defaultsAndNoScopeMeanEveryNotification() throws IOException {
            apply(lines(new String[] {"vigil_webhook all {", "    url http://198.51.100.80/hook", "}"},
                    instance("A", 1)));

            assertThat(store.propertiesOf("vigil.notify.webhook~all")).containsOnly(
                    entry("vigil.notify.name", "webhook:all"),
                    entry("url", "http://198.51.100.80/hook"),
                    entry("timeoutMillis", 5000),
                    entry("retryForMillis", 60000),
                    entry("vigil.config.origin", "t.conf:1"));
        }

        @Test
        void namesMayAlsoComeAsABlockAndUnknownKeywordsGetASuggestion() throws IOException {
            ParseResult result = apply(lines(instance("A", 1), instance("B", 2), new String[] {
                    "vigil_webhook ops {", "    url https://ops.example.org/hook", "    instances { A", "    B }",
                    "    retry_four 10", "}"}));

            assertThat(store.propertiesOf("vigil.notify.webhook~ops"))
                    .contains(entry("vigil.notify.scope", new String[] {"instance:A", "instance:B"}));
            assertThat(result.warnings()).map(Object::toString).containsExactly(
                    "t.conf:15: warning: unknown keyword 'retry_four' \u2014 did you mean 'retry_for'?");
        }
    }
}
