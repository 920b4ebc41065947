package dev.vigil.notify.smtp.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Where and how alerts go, checked once per configuration so that a broken address is reported
 * when the configuration arrives, not at the first failover. keepalived's defaults apply:
 * HELO with this host's name, From {@code USER@HOSTNAME}.
 */
record SmtpSettings(String server, int port, int timeoutMillis, String heloName, InternetAddress from,
        List<InternetAddress> to, String routerId) {

    /** keepalived writes smtp_server as {@code [ADDRESS]:PORT} in its log lines. */
    String endpoint() {
        return "[" + server + "]:" + port;
    }

    /** @throws IllegalArgumentException saying what is wrong with the configuration */
    static SmtpSettings of(SmtpNotifierConfig c, String hostName, String userName) {
        String server = trimmed(c.server());
        if (server.isEmpty()) {
            throw new IllegalArgumentException("server (smtp_server) is missing");
        }
        if (c.port() < 1 || c.port() > 65535) {
            throw new IllegalArgumentException("port " + c.port() + " is not a TCP port");
        }
        if (c.connectTimeoutMillis() < 1) {
            throw new IllegalArgumentException("connectTimeoutMillis " + c.connectTimeoutMillis() + " is not positive");
        }
        String helo = trimmed(c.heloName()).isEmpty() ? hostName : trimmed(c.heloName());
        String from = trimmed(c.from()).isEmpty() ? userName + "@" + hostName : trimmed(c.from());
        List<InternetAddress> to = new ArrayList<>();
        for (String each : c.to() == null ? new String[0] : c.to()) {
            if (!trimmed(each).isEmpty()) {
                to.add(address("notification_email", each));
            }
        }
        if (to.isEmpty()) {
            throw new IllegalArgumentException("to (notification_email) has no address");
        }
        return new SmtpSettings(server, c.port(), c.connectTimeoutMillis(), helo,
                address("notification_email_from", from), List.copyOf(to), trimmed(c.routerId()));
    }

    private static InternetAddress address(String keyword, String text) {
        try {
            return new InternetAddress(text.trim());
        } catch (AddressException e) {
            throw new IllegalArgumentException(keyword + " '" + text + "' is not a mail address: " + e.getMessage());
        }
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }
}
