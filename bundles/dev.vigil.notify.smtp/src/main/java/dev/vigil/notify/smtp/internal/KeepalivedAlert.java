package dev.vigil.notify.smtp.internal;

import java.util.Optional;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;

/**
 * The subject and body keepalived 2.x mails for a state change, which operators' mail filters
 * match on: {@code [ROUTER_ID] VRRP Instance VI_1 - Entering MASTER state} with a one-line body.
 * keepalived mails a sync group's MASTER, BACKUP, FAULT and STOP only, never its deletion, and
 * nothing for INIT; {@link #of} is empty for those.
 */
record KeepalivedAlert(String subject, String body) {

    static Optional<KeepalivedAlert> of(Notification n, String routerId) {
        boolean instance = n.scope() == Notification.Scope.INSTANCE;
        String what = what(n.to());
        String body = instance ? instanceBody(n.to()) : groupBody(n.to());
        if (what == null || body == null) {
            return Optional.empty();
        }
        String subject = "[" + routerId + "] VRRP " + (instance ? "Instance " : "Group ") + n.name() + " - " + what;
        return Optional.of(new KeepalivedAlert(subject, body));
    }

    private static String what(NotifyState state) {
        return switch (state) {
            case MASTER -> "Entering MASTER state";
            case BACKUP -> "Entering BACKUP state";
            case FAULT -> "Entering FAULT state";
            case STOP -> "Stopping";
            case DELETED -> "Deleted";
            case INIT -> null;
        };
    }

    private static String instanceBody(NotifyState state) {
        return switch (state) {
            case MASTER -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case BACKUP, FAULT -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
            case STOP -> "=> VRRP Instance stopping <=";
            case DELETED -> "=> VRRP Deleted at reload <=";
            case INIT -> null;
        };
    }

    private static String groupBody(NotifyState state) {
        return switch (state) {
            case MASTER, BACKUP, FAULT -> "=> All VRRP group instances are now in " + state.name() + " state <=";
            case STOP -> "=> All VRRP group instances are now stopping <=";
            case DELETED, INIT -> null;
        };
    }
}
