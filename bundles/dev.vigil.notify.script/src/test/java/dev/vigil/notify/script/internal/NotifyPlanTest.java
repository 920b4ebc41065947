package dev.vigil.notify.script.internal;

import static dev.vigil.notify.script.internal.Recorders.config;
import static dev.vigil.notify.script.internal.Recorders.event;
import static dev.vigil.notify.script.internal.Recorders.group;
import static dev.vigil.notify.script.internal.Recorders.instance;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;

/** Which scripts keepalived's send_instance_notifies() would run, and with which arguments. */
class NotifyPlanTest {

    private static final NotifyPlan ALL = NotifyPlan.of(config("notifyMaster", "/m.sh", "notifyBackupArgv",
            new String[] {"/b.sh", "a b"}, "notifyFault", "/f.sh 'x y'", "notifyStop", "/s.sh", "notify$",
            "/n.sh --flag"));

    @Test
    void theStatesScriptAsWrittenThenTheGenericOneWithKeepalivedsFourArguments() {
        assertThat(ALL.steps(instance("VI_1", NotifyState.BACKUP, NotifyState.MASTER, 100, 1))).containsExactly(
                new NotifyPlan.Step("notify_master", List.of("/m.sh")),
                new NotifyPlan.Step("notify", List.of("/n.sh", "--flag", "INSTANCE", "VI_1", "MASTER", "100")));
        assertThat(ALL.steps(instance("VI_1", NotifyState.MASTER, NotifyState.BACKUP, 90, 2)).get(0).argv())
                .as("argv wins over the line").containsExactly("/b.sh", "a b");
        assertThat(ALL.steps(instance("VI_1", NotifyState.MASTER, NotifyState.FAULT, 0, 3)).get(0).argv())
                .as("the line split with keepalived's quoting").containsExactly("/f.sh", "x y");
        assertThat(ALL.steps(instance("VI_1", NotifyState.MASTER, NotifyState.STOP, 100, 4))).extracting(
                NotifyPlan.Step::keyword).containsExactly("notify_stop", "notify");
    }

    @Test
    void aGroupIsGroupWithPriorityZero() {
        assertThat(ALL.steps(group("G1", NotifyState.BACKUP, NotifyState.MASTER, 1)).get(1).argv())
                .containsExactly("/n.sh", "--flag", "GROUP", "G1", "MASTER", "0");
    }

    @Test
    void deletedWithoutNotifyDeletedIsKeepalivedsOldFaultAndNothingWhenAlreadyInFault() {
        assertThat(ALL.steps(instance("VI_1", NotifyState.MASTER, NotifyState.DELETED, 100, 5)))
                .as("no notify_fault: only the generic one, told FAULT")
                .containsExactly(new NotifyPlan.Step("notify",
                        List.of("/n.sh", "--flag", "INSTANCE", "VI_1", "FAULT", "100")));
        assertThat(ALL.steps(instance("VI_1", NotifyState.FAULT, NotifyState.DELETED, 0, 6))).isEmpty();
    }

    @Test
    void notifyDeletedEvenWithoutAScriptReportsDeleted() {
        NotifyPlan bare = NotifyPlan.of(config("notifyDeleted", "", "notify$", "/n.sh"));
        assertThat(bare.steps(instance("VI_1", NotifyState.FAULT, NotifyState.DELETED, 0, 1))).containsExactly(
                new NotifyPlan.Step("notify", List.of("/n.sh", "INSTANCE", "VI_1", "DELETED", "0")));
        NotifyPlan withScript = NotifyPlan.of(config("notifyDeleted", "/d.sh gone"));
        assertThat(withScript.steps(instance("VI_1", NotifyState.MASTER, NotifyState.DELETED, 100, 1)))
                .containsExactly(new NotifyPlan.Step("notify_deleted", List.of("/d.sh", "gone")));
    }

    @Test
    void aLowerPriorityAdvertRunsOnlyNotifyMasterRxLowerPriWithoutArguments() {
        NotifyPlan plan = NotifyPlan.of(config("notifyMaster", "/m.sh", "notify$", "/n.sh",
                "notifyMasterRxLowerPri", "/lower.sh 'the word'"));
        assertThat(plan.steps(event(Notification.Event.MASTER_RX_LOWER_PRI, "VI_1", NotifyState.MASTER, 100, 1)))
                .containsExactly(new NotifyPlan.Step("notify_master_rx_lower_pri", List.of("/lower.sh", "the word")));
        assertThat(plan.steps(event(Notification.Event.PRIORITY, "VI_1", NotifyState.MASTER, 90, 1)))
                .as("priority changes are for the FIFOs only").isEmpty();
        assertThat(ALL.steps(event(Notification.Event.MASTER_RX_LOWER_PRI, "VI_1", NotifyState.MASTER, 100, 1)))
                .as("not configured: nothing, not even the generic notify").isEmpty();
    }

    @Test
    void theArgvOfNotifyMasterRxLowerPriWinsAndNamesTheScriptUserCheck() {
        NotifyPlan plan = NotifyPlan.of(config("notifyMasterRxLowerPri", "/ignored.sh",
                "notifyMasterRxLowerPriArgv", new String[] {"/lower.sh", "a b"}));
        assertThat(plan.steps(event(Notification.Event.MASTER_RX_LOWER_PRI, "VI_1", NotifyState.MASTER, 100, 1)))
                .singleElement().satisfies(s -> assertThat(s.argv()).containsExactly("/lower.sh", "a b"));
        assertThat(plan.firstScript()).isEqualTo("/lower.sh");
    }

    @Test
    void initAndUnconfiguredStatesRunNothing() {
        NotifyPlan masterOnly = NotifyPlan.of(config("notifyMaster", "/m.sh"));
        assertThat(masterOnly.steps(instance("VI_1", NotifyState.INIT, NotifyState.INIT, 100, 1))).isEmpty();
        assertThat(masterOnly.steps(instance("VI_1", NotifyState.MASTER, NotifyState.BACKUP, 100, 2))).isEmpty();
    }
}
