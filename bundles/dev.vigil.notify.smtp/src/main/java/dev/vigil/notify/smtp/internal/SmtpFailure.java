package dev.vigil.notify.smtp.internal;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.util.Locale;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/** Why an alert was not sent, in the words keepalived logs for the same failure. */
final class SmtpFailure {

    private SmtpFailure() {
    }

    /**
     * @param endpoint {@code [SERVER]:PORT}
     * @param cutOffBecause why the exchange was ended from outside, or null
     */
    static String describe(MessagingException e, String endpoint, String cutOffBecause) {
        if (cutOffBecause != null) {
            return "SMTP alert to " + endpoint + " abandoned: " + cutOffBecause;
        }
        if (e instanceof MailConnectException) {
            return has(e, SocketTimeoutException.class)
                    ? "Timeout connecting SMTP server " + endpoint + "."
                    : "SMTP connection ERROR to " + endpoint + ".";
        }
        String refused = refusedCommand(e, endpoint);
        if (refused != null) {
            return refused;
        }
        if (has(e, SocketTimeoutException.class)) {
            return "Timeout reading data to remote SMTP server " + endpoint + ".";
        }
        if (has(e, EOFException.class) || String.valueOf(e.getMessage()).contains("[EOF]")) {
            return "Remote SMTP server " + endpoint + " has closed the connection.";
        }
        return "Error sending SMTP alert to " + endpoint + ": " + e.getMessage();
    }

    /** A command the server answered with an error code, as keepalived names it (the message text is its BODY). */
    private static String refusedCommand(MessagingException e, String endpoint) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            String command = null;
            int code = 0;
            if (x instanceof SMTPSendFailedException f) {
                command = f.getCommand();
                code = f.getReturnCode();
            } else if (x instanceof SMTPAddressFailedException f) {
                command = f.getCommand();
                code = f.getReturnCode();
            } else if (x instanceof SMTPSenderFailedException f) {
                command = f.getCommand();
                code = f.getReturnCode();
            }
            if (command != null) {
                return "Error processing " + commandName(command) + " cmd on SMTP server " + endpoint
                        + ". SMTP status code = " + code;
            }
        }
        return null;
    }

    static String commandName(String command) {
        String word = command.trim().split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
        return word.isEmpty() || word.equals(".") ? "BODY" : word;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (type.isInstance(t)) {
                return true;
            }
            t = t.getCause(); // a MessagingException's cause is its next exception
        }
        return false;
    }
}
