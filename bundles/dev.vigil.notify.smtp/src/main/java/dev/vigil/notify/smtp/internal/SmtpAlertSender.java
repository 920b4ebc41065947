package dev.vigil.notify.smtp.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.osgi.service.log.Logger;

/**
 * Mails alerts through one SMTP relay with Jakarta Mail (Angus Mail), one connection per alert as
 * keepalived does. Every step is bounded: the connect and each read and write by the configured
 * timeout, the whole exchange by {@link #exchangeLimitMillis}.
 */
final class SmtpAlertSender {

    static final String MAILER = "Vigil";

    private final SmtpSettings settings;
    private final ScheduledExecutorService timers;
    private final Logger log;
    private volatile ConversationDeadline inFlight;

    SmtpAlertSender(SmtpSettings settings, ScheduledExecutorService timers, Logger log) {
        this.settings = settings;
        this.timers = timers;
        this.log = log;
    }

    SmtpSettings settings() {
        return settings;
    }

    /**
     * Sends one alert, dated when the change happened.
     *
     * @throws MessagingException worded as logged, when the relay could not be reached or refused it
     */
    void send(KeepalivedAlert alert, Instant at) throws MessagingException {
        ConversationDeadline deadline = new ConversationDeadline(timers, exchangeLimitMillis(), settings.timeoutMillis());
        inFlight = deadline;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail and Activation look up the SMTP provider, their stream provider and the
        // text/plain handler through the context class loader. Under OSGi that is whatever the
        // calling thread had; they are found only in this bundle, where they are embedded.
        thread.setContextClassLoader(SmtpAlertSender.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties(deadline));
            exchange(session, message(session, alert, at));
            log.info("SMTP alert successfully sent.");
        } catch (MessagingException e) {
            String why = SmtpFailure.describe(e, settings.endpoint(), deadline.cutOffBecause());
            log.warn(why);
            throw new MessagingException(why, e);
        } finally {
            thread.setContextClassLoader(previous);
            deadline.close();
            inFlight = null;
        }
    }

    /** Ends the exchange under way, if any (the component is going away). */
    void abort() {
        ConversationDeadline d = inFlight;
        if (d != null) {
            d.cutOff("the notifier stopped");
        }
    }

    /**
     * What the exchange may take when every step uses its whole timeout: connect, greeting, EHLO,
     * MAIL, one RCPT per recipient, DATA, the message and QUIT.
     */
    long exchangeLimitMillis() {
        return (long) settings.timeoutMillis() * (7 + settings.to().size());
    }

    private void exchange(Session session, MimeMessage message) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // QUIT after an accepted message (or after a failure already reported)
            }
        }
    }

    private MimeMessage message(Session session, KeepalivedAlert alert, Instant at) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(settings.from());
        m.setRecipients(Message.RecipientType.TO, settings.to().toArray(new InternetAddress[0]));
        m.setSubject(alert.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(at));
        m.setHeader("X-Mailer", MAILER);
        m.setText(alert.body() + "\n", StandardCharsets.UTF_8.name());
        return m;
    }

    /** A session of its own, never the JVM-wide default one, with every setting explicit. */
    private Properties properties(ConversationDeadline deadline) {
        String timeout = Integer.toString(settings.timeoutMillis());
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.server());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.localhost", settings.heloName());
        // The envelope sender, as keepalived's MAIL FROM: the address part of notification_email_from.
        p.setProperty("mail.smtp.from", settings.from().getAddress());
        p.put("mail.smtp.socketFactory", deadline);
        return p;
    }
}
