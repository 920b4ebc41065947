package dev.vigil.api;

/** The states of RFC 5798 §6.4 plus FAULT (keepalived's: a tracked resource is down). */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT
}
