package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * notify_master_rx_lower_pri on {@code vigil.notify.script~instance.NAME} and
 * notify_priority_changes (instance, else sync group, else global) on {@code vigil.instance~NAME}.
 */
class NotifyEventsMappingTest {

    private final FakeConfigurationStore store = new FakeConfigurationStore();

    private ParseResult apply(String... lines) throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines));
        assertThat(result.errors()).as("%s", result.diagnostics()).isEmpty();
        new ConfigAdminMapper(store).apply(result.config());
        return result;
    }

    private Map<String, Object> instanceProperties(String name) {
        return store.propertiesOf("vigil.instance~" + name);
    }

    private static List<String> notImplemented(ParseResult result) {
        return result.warnings().stream().map(Object::toString).filter(w -> w.contains("not implemented")).toList();
    }

    @Test
    void notifyMasterRxLowerPriIsAScriptOfTheInstanceWithItsUser() throws IOException {
        ParseResult result = apply(instance("VI_1", 51, "    notify_master_rx_lower_pri \"/bin/true restore\" nobody nogroup"));

        assertThat(notImplemented(result)).isEmpty();
        assertThat(store.propertiesOf("vigil.notify.script~instance.VI_1")).containsOnly(
                entry("vigil.notify.name", "script:instance:VI_1"),
                entry("vigil.notify.scope", new String[] {"instance:VI_1"}),
                entry("notifyMasterRxLowerPri", "/bin/true restore"),
                entry("notifyMasterRxLowerPriArgv", new String[] {"/bin/true", "restore"}),
                entry("vigil.notify.events", new String[] {"STATE", "MASTER_RX_LOWER_PRI"}),
                entry("user", "nobody"),
                entry("group", "nogroup"),
                entry("enableScriptSecurity", false),
                entry("timeoutMillis", 30000),
                entry("vigil.config.origin", "t.conf:5"));
    }

    @Test
    void notifyMasterRxLowerPriMustRunAsTheOtherScriptsUser() throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", instance("VI_1", 51,
                "    notify_master /bin/true nobody", "    notify_master_rx_lower_pri /bin/true root")));

        assertThat(result.errors()).map(Object::toString).containsExactly("t.conf:6: error: vrrp_instance VI_1: "
                + "notify_master_rx_lower_pri runs as 'root' but notify_master (line 5) as 'nobody'; Vigil runs all "
                + "notify scripts of one instance as one user");
    }

    @Test
    void withoutAnyKeywordThereIsNoPriorityChangesProperty() throws IOException {
        apply(instance("VI_1", 51));

        assertThat(instanceProperties("VI_1")).doesNotContainKey("notifyPriorityChanges");
    }

    @Test
    void theInstancesOwnSettingWinsOverItsGroupsAndTheGlobalOne() throws IOException {
        ParseResult result = apply(lines(
                new String[] {"global_defs {", "    vrrp_notify_priority_changes", "}"},
                instance("VI_1", 51, "    notify_priority_changes false"),
                instance("VI_2", 52),
                instance("VI_3", 53, "    notify_priority_changes"),
                instance("VI_4", 54),
                new String[] {"vrrp_sync_group SG_1 {", "    group { VI_1 VI_2 VI_3 }", "    notify_priority_changes off", "}"}));

        assertThat(notImplemented(result)).isEmpty();
        assertThat(instanceProperties("VI_1")).as("own: off").doesNotContainKey("notifyPriorityChanges");
        assertThat(instanceProperties("VI_2")).as("the group's: off").doesNotContainKey("notifyPriorityChanges");
        assertThat(instanceProperties("VI_3")).as("own: on").containsEntry("notifyPriorityChanges", true);
        assertThat(instanceProperties("VI_4")).as("in no group: the global one").containsEntry("notifyPriorityChanges", true);
    }

    @Test
    void aGroupThatSaysNothingLeavesItToTheGlobalSetting() throws IOException {
        apply(lines(
                new String[] {"global_defs {", "    vrrp_notify_priority_changes false", "}"},
                instance("VI_1", 51),
                instance("VI_2", 52),
                new String[] {"vrrp_sync_group SG_1 {", "    group { VI_1 }", "}",
                        "vrrp_sync_group SG_2 {", "    group { VI_2 }", "    notify_priority_changes", "}"}));

        assertThat(instanceProperties("VI_1")).doesNotContainKey("notifyPriorityChanges");
        assertThat(instanceProperties("VI_2")).containsEntry("notifyPriorityChanges", true);
        assertThat(store.propertiesOf("vigil.syncgroup~SG_2")).doesNotContainKey("notifyPriorityChanges");
    }
}
