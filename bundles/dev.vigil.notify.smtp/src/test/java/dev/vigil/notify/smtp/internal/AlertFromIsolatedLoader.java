package dev.vigil.notify.smtp.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.IntConsumer;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.osgi.service.log.Logger;

/**
 * Run inside a class loader that holds only this bundle's classes and the embedded mail jars,
 * as Felix's bundle class loader does; handed to the test as an {@link IntConsumer} (a JDK type,
 * shared by both loaders) that mails to 127.0.0.1:PORT.
 */
public final class AlertFromIsolatedLoader {

    private AlertFromIsolatedLoader() {
    }

    /** Through {@link SmtpAlertSender}, as the notifier sends. */
    public static final class ThroughSender implements IntConsumer {
        @Override
        public void accept(int port) {
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
            try {
                SmtpSettings settings = new SmtpSettings("127.0.0.1", port, 5000, "lb1", new InternetAddress("vigil@lb1"),
                        List.of(new InternetAddress("ops@example.net")), "lb1");
                new SmtpAlertSender(settings, timers, silentLogger()).send(
                        new KeepalivedAlert("[lb1] VRRP Instance VI_1 - Entering MASTER state",
                                "=> VRRP Instance is now owning VRRP VIPs <="), Instant.now());
            } catch (MessagingException e) {
                throw new IllegalStateException(e.toString(), e);
            } finally {
                timers.shutdownNow();
            }
        }
    }

    /** Plain Jakarta Mail, on whatever context class loader the caller has. */
    public static final class WithoutContextLoader implements IntConsumer {
        @Override
        public void accept(int port) {
            Properties p = new Properties();
            p.setProperty("mail.smtp.host", "127.0.0.1");
            p.setProperty("mail.smtp.port", Integer.toString(port));
            p.setProperty("mail.smtp.connectiontimeout", "5000");
            p.setProperty("mail.smtp.timeout", "5000");
            try {
                MimeMessage m = new MimeMessage(Session.getInstance(p));
                m.setFrom(new InternetAddress("vigil@lb1"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress("ops@example.net"));
                m.setSubject("plain");
                m.setText("plain\n");
                Transport.send(m);
            } catch (MessagingException e) {
                throw new IllegalStateException(e.toString(), e);
            }
        }
    }

    private static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, m, args) -> m.getReturnType() == boolean.class ? false : null);
    }
}
