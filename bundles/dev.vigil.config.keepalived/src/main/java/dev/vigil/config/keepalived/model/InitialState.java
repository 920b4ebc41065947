package dev.vigil.config.keepalived.model;

/** The {@code state} an instance starts in. */
public enum InitialState {
    MASTER,
    BACKUP
}
