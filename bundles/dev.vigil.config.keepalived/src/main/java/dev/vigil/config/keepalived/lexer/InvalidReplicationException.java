package dev.vigil.config.keepalived.lexer;

/** A {@code ~SEQ}/{@code ~LST} line that cannot be read; the message is the diagnostic. */
final class InvalidReplicationException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidReplicationException(String message) {
        super(message);
    }
}
