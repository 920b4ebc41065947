package dev.vigil.notify.fifo.internal;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;

/**
 * keepalived's notify FIFO line: {@code INSTANCE "VI_1" MASTER 100} or {@code GROUP "G1" BACKUP 0}
 * for a state change; for an instance's events, {@code MASTER_RX_LOWER_PRI} in place of the state,
 * or {@code MASTER_PRIORITY} / {@code BACKUP_PRIORITY} (MASTER or not) with the new priority.
 */
final class FifoLine {

    private FifoLine() {
    }

    static String of(Notification n) {
        return (n.scope() == Notification.Scope.GROUP ? "GROUP" : "INSTANCE") + " \"" + n.name() + "\" "
                + word(n) + " " + n.priority() + "\n";
    }

    private static String word(Notification n) {
        return switch (n.event()) {
            case STATE -> n.to().name();
            case MASTER_RX_LOWER_PRI -> "MASTER_RX_LOWER_PRI";
            case PRIORITY -> n.to() == NotifyState.MASTER ? "MASTER_PRIORITY" : "BACKUP_PRIORITY";
        };
    }
}
