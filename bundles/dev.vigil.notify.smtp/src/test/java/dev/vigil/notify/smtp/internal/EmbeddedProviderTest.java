package dev.vigil.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.IntConsumer;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;

import org.eclipse.angus.activation.MailcapRegistryProviderImpl;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.vigil.api.notify.Notification;

/**
 * Jakarta Mail finds its SMTP provider, stream provider and text/plain handler through the
 * context class loader. Under Felix that is whatever the calling thread had, so the sender sets
 * its own: here a fresh loader holding only the bundle's classes and embedded jars stands for the
 * bundle, and the caller's context loader knows no mail classes, or another copy of them.
 */
class EmbeddedProviderTest {

    private GreenMail mail;
    private URLClassLoader bundleLike;
    private URLClassLoader foreignContext;

    @BeforeEach
    void setUp() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        bundleLike = new URLClassLoader("bundle-like", new URL[] {
                codeOf(SmtpAlertSender.class), codeOf(AlertFromIsolatedLoader.class), codeOf(Session.class),
                codeOf(SMTPTransport.class), codeOf(DataHandler.class), codeOf(MailcapRegistryProviderImpl.class),
                codeOf(Logger.class), codeOf(Notification.class)}, ClassLoader.getPlatformClassLoader());
        foreignContext = new URLClassLoader("foreign-context", new URL[0], ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void tearDown() throws Exception {
        mail.stop();
        bundleLike.close();
        foreignContext.close();
    }

    @Test
    void theSenderFindsTheEmbeddedProviderThroughAContextLoaderThatKnowsNoMail() throws Exception {
        Class<?> senderInIsolation = bundleLike.loadClass(SmtpAlertSender.class.getName());
        assertThat(senderInIsolation.getClassLoader()).isSameAs(bundleLike);

        runWithContextLoader(foreignContext, isolated(AlertFromIsolatedLoader.ThroughSender.class));

        assertThat(mail.getReceivedMessages()).extracting(m -> m.getSubject())
                .containsExactly("[lb1] VRRP Instance VI_1 - Entering MASTER state");
        assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(bundleLike);
    }

    @Test
    void theSenderIgnoresAnotherCopyOfJakartaMailOnTheCallersContextLoader() throws Exception {
        try (URLClassLoader otherCopy = otherMailCopy()) {
            runWithContextLoader(otherCopy, isolated(AlertFromIsolatedLoader.ThroughSender.class));
        }

        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    /** Why the sender sets the context loader: Jakarta Mail takes the caller's copy and fails. */
    @Test
    void plainJakartaMailTakesTheContextLoadersCopyAndFails() throws Exception {
        IntConsumer plain = isolated(AlertFromIsolatedLoader.WithoutContextLoader.class);

        try (URLClassLoader otherCopy = otherMailCopy()) {
            assertThatThrownBy(() -> runWithContextLoader(otherCopy, plain))
                    .hasMessageContaining("jakarta.mail.util.StreamProvider");
        }
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    /** Another bundle's, or the launcher's, Jakarta Mail: same classes, another loader. */
    private static URLClassLoader otherMailCopy() {
        return new URLClassLoader("other-mail-copy", new URL[] {codeOf(Session.class), codeOf(SMTPTransport.class),
                codeOf(DataHandler.class), codeOf(MailcapRegistryProviderImpl.class)},
                ClassLoader.getPlatformClassLoader());
    }

    private IntConsumer isolated(Class<?> type) throws ReflectiveOperationException {
        return (IntConsumer) bundleLike.loadClass(type.getName()).getConstructor().newInstance();
    }

    private void runWithContextLoader(ClassLoader context, IntConsumer send) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(context);
        try {
            send.accept(mail.getSmtp().getPort());
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static URL codeOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
