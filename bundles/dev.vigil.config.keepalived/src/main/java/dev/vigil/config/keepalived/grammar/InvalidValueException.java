package dev.vigil.config.keepalived.grammar;

/** A value that does not fit its keyword; the message says what would ("must be ..."). */
public final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String requirement) {
        super(requirement, null, false, false);
    }
}
