package dev.vigil.notify.webhook.internal;

import java.time.Instant;
import java.util.List;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;

/** Sample notifications for the tests. */
final class Notifications {

    static final Instant AT = Instant.parse("2026-11-25T20:31:07.123456789Z");

    private Notifications() {
    }

    static Notification master(long sequence) {
        return new Notification(Notification.Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, 150,
                List.of("198.51.100.10/24", "2001:db8::10/64"), "lb-a", AT, sequence, "master down timer");
    }
}
