package dev.vigil.notify.script.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.script.support.CommandLine;

/**
 * Which scripts a notification runs, in which order, with which arguments: keepalived's
 * {@code send_instance_notifies()} (keepalived/vrrp/vrrp_notify.c).
 * <ul>
 * <li>the script of the new state ({@code notify_master}, {@code notify_backup},
 * {@code notify_fault}, {@code notify_stop}, {@code notify_deleted}) as written, then the generic
 * {@code notify} with four arguments appended: {@code INSTANCE|GROUP}, the name, the state word
 * and the priority (0 for a group);</li>
 * <li>DELETED without {@code notify_deleted} configured is keepalived's older report of a deleted
 * instance: FAULT to the generic script (no {@code notify_fault}: keepalived looks the state's
 * script up before it swaps the word), and nothing at all when the instance was in FAULT
 * already;</li>
 * <li>INIT is never notified;</li>
 * <li>a MASTER that heard a lower priority advert ({@link Notification.Event#MASTER_RX_LOWER_PRI})
 * runs {@code notify_master_rx_lower_pri} as written, with no argument appended (keepalived's
 * {@code send_event_notify()}); the generic {@code notify} is not run for it, nor for any other
 * event that changes no state.</li>
 * </ul>
 */
final class NotifyPlan {

    static final String RX_LOWER_PRIORITY_KEYWORD = "notify_master_rx_lower_pri";

    /** One script to run; {@code keyword} names it in logs. */
    record Step(String keyword, List<String> argv) {
    }

    private final Map<NotifyState, List<String>> byState;
    private final List<String> generic;
    private final boolean deletedConfigured;
    private final List<String> rxLowerPriority;

    private NotifyPlan(Map<NotifyState, List<String>> byState, List<String> generic, boolean deletedConfigured,
            List<String> rxLowerPriority) {
        this.byState = byState;
        this.generic = generic;
        this.deletedConfigured = deletedConfigured;
        this.rxLowerPriority = rxLowerPriority;
    }

    static NotifyPlan of(NotifyScriptConfig c) {
        Map<NotifyState, List<String>> byState = new EnumMap<>(NotifyState.class);
        byState.put(NotifyState.MASTER, CommandLine.argv(c.notifyMasterArgv(), c.notifyMaster()));
        byState.put(NotifyState.BACKUP, CommandLine.argv(c.notifyBackupArgv(), c.notifyBackup()));
        byState.put(NotifyState.FAULT, CommandLine.argv(c.notifyFaultArgv(), c.notifyFault()));
        byState.put(NotifyState.STOP, CommandLine.argv(c.notifyStopArgv(), c.notifyStop()));
        byState.put(NotifyState.DELETED, CommandLine.argv(c.notifyDeletedArgv(), c.notifyDeleted()));
        boolean deleted = c.notifyDeleted() != null || c.notifyDeletedArgv().length > 0;
        return new NotifyPlan(byState, CommandLine.argv(c.notifyArgv(), c.notify$()), deleted,
                CommandLine.argv(c.notifyMasterRxLowerPriArgv(), c.notifyMasterRxLowerPri()));
    }

    List<Step> steps(Notification n) {
        return switch (n.event()) {
            case STATE -> stateSteps(n);
            case MASTER_RX_LOWER_PRI -> rxLowerPriority.isEmpty() ? List.of()
                    : List.of(new Step(RX_LOWER_PRIORITY_KEYWORD, rxLowerPriority));
            default -> List.of();
        };
    }

    private List<Step> stateSteps(Notification n) {
        NotifyState to = n.to();
        if (to == NotifyState.INIT) {
            return List.of();
        }
        List<String> own = byState.getOrDefault(to, List.of());
        String word = to.name();
        if (to == NotifyState.DELETED && !deletedConfigured) {
            if (n.from() == NotifyState.FAULT) {
                return List.of();
            }
            own = List.of();
            word = NotifyState.FAULT.name();
        }
        List<Step> steps = new ArrayList<>(2);
        if (!own.isEmpty()) {
            steps.add(new Step("notify_" + to.name().toLowerCase(java.util.Locale.ROOT), own));
        }
        if (!generic.isEmpty()) {
            List<String> argv = new ArrayList<>(generic);
            argv.add(n.scope() == Notification.Scope.GROUP ? "GROUP" : "INSTANCE");
            argv.add(n.name());
            argv.add(word);
            argv.add(Integer.toString(n.priority()));
            steps.add(new Step("notify", List.copyOf(argv)));
        }
        return steps;
    }

    /** Whether notify_master_rx_lower_pri is configured. */
    boolean runsForLowerPriorityAdverts() {
        return !rxLowerPriority.isEmpty();
    }

    /** The first configured command, to name in a message about all of them. */
    String firstScript() {
        return Stream.concat(byState.values().stream(), Stream.of(rxLowerPriority))
                .filter(a -> !a.isEmpty()).map(a -> a.get(0)).findFirst()
                .orElse(generic.isEmpty() ? "notify" : generic.get(0));
    }
}
