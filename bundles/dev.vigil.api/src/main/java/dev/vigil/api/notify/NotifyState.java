package dev.vigil.api.notify;

/**
 * What a notification reports, in keepalived's words (the third argument of a generic
 * {@code notify} script is {@link #name()}). STOP: the instance stops with the daemon;
 * DELETED: a reload removed it.
 */
public enum NotifyState {
    INIT, BACKUP, MASTER, FAULT, STOP, DELETED
}
