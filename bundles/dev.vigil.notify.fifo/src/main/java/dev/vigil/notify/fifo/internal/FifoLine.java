package dev.vigil.notify.fifo.internal;

import dev.vigil.api.notify.Notification;

/** keepalived's notify FIFO line: {@code INSTANCE "VI_1" MASTER 100} or {@code GROUP "G1" BACKUP 0}. */
final class FifoLine {

    private FifoLine() {
    }

    static String of(Notification n) {
        return (n.scope() == Notification.Scope.GROUP ? "GROUP" : "INSTANCE") + " \"" + n.name() + "\" "
                + n.to().name() + " " + n.priority() + "\n";
    }
}
