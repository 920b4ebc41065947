package dev.vigil.notify.script.internal;

/**
 * A notification some script of which did not get it (refused, not found, not started, timed
 * out). Its reasons are logged already: no stack trace, which would say nothing more.
 */
final class ScriptNotifyException extends Exception {

    private static final long serialVersionUID = 1L;

    ScriptNotifyException(String message) {
        super(message, null, false, false);
    }
}
