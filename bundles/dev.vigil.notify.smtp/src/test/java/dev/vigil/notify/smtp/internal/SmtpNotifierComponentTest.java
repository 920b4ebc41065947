package dev.vigil.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notification.Scope;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.testing.osgi.RecordingLogger;
import dev.vigil.testing.osgi.TypedConfigs;

/** The notifier component against a real SMTP server (GreenMail) and against servers that fail. */
class SmtpNotifierComponentTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Instant AT = Instant.parse("2026-11-25T20:00:00Z");
    /** Generous: the failures below come from timeouts of 500 ms, or a few seconds for the whole exchange. */
    private static final Duration RETURNS_WITHIN = Duration.ofSeconds(30);

    private final List<String> logged = RecordingLogger.lines();
    private final List<SmtpNotifierComponent> components = new ArrayList<>();
    private GreenMail mail;

    @BeforeEach
    void startMailServer() {
        mail = new GreenMail(new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    @AfterEach
    void stop() {
        components.forEach(SmtpNotifierComponent::deactivate);
        mail.stop();
    }

    private SmtpNotifierComponent notifier(int port, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("server", LOOPBACK, "port", port,
                "connectTimeoutMillis", 500, "to", new String[] {"ops@example.net", "noc@example.net"},
                "from", "Vigil lb1 <vigil@lb1.example.net>", "heloName", "lb1.example.net"));
        values.putAll(overrides);
        SmtpNotifierComponent c = new SmtpNotifierComponent(TypedConfigs.of(SmtpNotifierConfig.class, values),
                RecordingLogger.into(logged));
        components.add(c);
        return c;
    }

    private SmtpNotifierComponent notifier(int port) {
        return notifier(port, Map.of());
    }

    private static Notification change(Scope scope, String name, NotifyState from, NotifyState to, String routerId) {
        return new Notification(scope, name, from, to, scope == Scope.INSTANCE ? 150 : 0,
                List.of("203.0.113.10/24"), routerId, AT, 3, "master down timer");
    }

    @Test
    void anInstanceBecomingMasterIsMailedToEveryRecipientInKeepalivedsWords() throws Exception {
        notifier(mail.getSmtp().getPort(), Map.of("routerId", "lb1"))
                .deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "ignored"));

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient's mailbox
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[lb1] VRRP Instance VI_1 - Entering MASTER state");
        assertThat(((String) m.getContent()).strip()).isEqualTo("=> VRRP Instance is now owning VRRP VIPs <=");
        assertThat(addresses(m.getFrom())).containsExactly("vigil@lb1.example.net");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Vigil lb1");
        assertThat(addresses(m.getRecipients(Message.RecipientType.TO)))
                .containsExactly("ops@example.net", "noc@example.net");
        assertThat(m.getSentDate().toInstant()).isEqualTo(AT);
        assertThat(m.getHeader("X-Mailer")).containsExactly(SmtpAlertSender.MAILER);
        assertThat(logged).contains("INFO SMTP alert successfully sent.");
    }

    @Test
    void aGroupEnteringBackupIsMailedWithKeepalivedsDefaultsForWhatIsNotConfigured() throws Exception {
        notifier(mail.getSmtp().getPort(), Map.of("from", ""))
                .deliver(change(Scope.GROUP, "G1", NotifyState.MASTER, NotifyState.BACKUP, "lb2"));

        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[lb2] VRRP Group G1 - Entering BACKUP state");
        assertThat(((String) m.getContent()).strip())
                .isEqualTo("=> All VRRP group instances are now in BACKUP state <=");
        assertThat(addresses(m.getFrom())).containsExactly(System.getProperty("user.name") + "@" + HostName.get());
        assertThat(addresses(m.getAllRecipients())).containsExactly("ops@example.net", "noc@example.net");
    }

    @Test
    void aDeletedGroupIsNotMailedAndTheNextChangeIs() throws Exception {
        SmtpNotifierComponent n = notifier(mail.getSmtp().getPort());

        n.deliver(change(Scope.GROUP, "G1", NotifyState.BACKUP, NotifyState.DELETED, "lb1"));
        n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.FAULT, "lb1"));

        assertThat(mail.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsOnly("[lb1] VRRP Instance VI_1 - Entering FAULT state");
    }

    @Test
    void noEmailFaultsMailsNeitherFaultNorTheReturnToTheStateLastMailed() throws Exception {
        SmtpNotifierComponent n = notifier(mail.getSmtp().getPort(), Map.of("noEmailFaults", true, "routerId", "lb1"));

        n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1"));
        n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.MASTER, NotifyState.FAULT, "lb1"));
        n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.FAULT, NotifyState.MASTER, "lb1"));
        n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.MASTER, NotifyState.BACKUP, "lb1"));

        // two recipients: each alert is two messages (GreenMail lists them mailbox by mailbox)
        assertThat(mail.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "[lb1] VRRP Instance VI_1 - Entering MASTER state", "[lb1] VRRP Instance VI_1 - Entering MASTER state",
                "[lb1] VRRP Instance VI_1 - Entering BACKUP state", "[lb1] VRRP Instance VI_1 - Entering BACKUP state");
    }

    @Test
    void aServerThatIsDownFailsTheDelivery() throws Exception {
        int closedPort = closedPort();
        SmtpNotifierComponent n = notifier(closedPort);

        assertTimeoutPreemptively(RETURNS_WITHIN, () -> assertThatThrownBy(
                () -> n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1")))
                .isInstanceOf(MessagingException.class)
                .hasMessage("SMTP connection ERROR to [127.0.0.1]:" + closedPort + "."));
        assertThat(logged).contains("WARN SMTP connection ERROR to [127.0.0.1]:" + closedPort + ".");
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsTheDeliveryWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer(false)) {
            SmtpNotifierComponent n = notifier(silent.port());

            assertTimeoutPreemptively(RETURNS_WITHIN, () -> assertThatThrownBy(
                    () -> n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1")))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("Timeout reading data to remote SMTP server [127.0.0.1]:" + silent.port() + "."));
        }
    }

    @Test
    void aServerThatTricklesItsGreetingIsCutOffAtTheExchangeLimit() throws Exception {
        try (SilentServer trickling = new SilentServer(true)) {
            SmtpNotifierComponent n = notifier(trickling.port(), Map.of("to", new String[] {"ops@example.net"}));

            assertTimeoutPreemptively(RETURNS_WITHIN, () -> assertThatThrownBy(
                    () -> n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1")))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("SMTP alert to [127.0.0.1]:" + trickling.port()
                            + " abandoned: the exchange took longer than 4000 ms"));
        }
    }

    @Test
    void deactivationEndsAnAlertStuckOnAServerAndRefusesLaterOnes() throws Exception {
        try (SilentServer silent = new SilentServer(false)) {
            SmtpNotifierComponent n = notifier(silent.port(), Map.of("connectTimeoutMillis", 120_000));
            CompletableFuture<Void> stuck = CompletableFuture.runAsync(() -> {
                try {
                    n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1"));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            for (int i = 0; i < 300 && silent.connections() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(silent.connections()).isEqualTo(1);

            n.deactivate();

            assertThatThrownBy(() -> stuck.get(RETURNS_WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .rootCause().isInstanceOf(SocketException.class);
            assertThat(logged).contains(
                    "WARN SMTP alert to [127.0.0.1]:" + silent.port() + " abandoned: the notifier stopped");
            assertThatThrownBy(
                    () -> n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.MASTER, NotifyState.STOP, "lb1")))
                    .isInstanceOf(IllegalStateException.class).hasMessageEndingWith("the notifier has stopped");
        }
    }

    @Test
    void aRefusedRecipientIsReportedAsKeepalivedDoesAfterAHeloWithTheConfiguredName() throws Exception {
        try (RefusingRecipientServer refusing = new RefusingRecipientServer()) {
            SmtpNotifierComponent n = notifier(refusing.port(), Map.of("to", new String[] {"ops@example.net"}));

            assertThatThrownBy(
                    () -> n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1")))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("Error processing RCPT cmd on SMTP server [127.0.0.1]:" + refusing.port()
                            + ". SMTP status code = 550");
            assertThat(refusing.commands).startsWith("EHLO lb1.example.net", "MAIL FROM:<vigil@lb1.example.net>",
                    "RCPT TO:<ops@example.net>");
            assertThat(refusing.commands).noneMatch(c -> c.equals("DATA"));
        }
    }

    @Test
    void aBrokenConfigurationIsLoggedOnceAndFailsEachDelivery() {
        SmtpNotifierComponent n = notifier(mail.getSmtp().getPort(),
                Map.of("to", new String[0], "vigil_config_origin", "/etc/keepalived/keepalived.conf:4"));

        assertThatThrownBy(
                () -> n.deliver(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.MASTER, "lb1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("notification_email");
        assertThat(logged).containsExactly("ERROR SMTP alert configuration error (/etc/keepalived/keepalived.conf:4): "
                + "to (notification_email) has no address; no alert will be mailed");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aModifiedConfigurationAppliesToTheNextAlert() throws Exception {
        SmtpNotifierComponent n = notifier(closedPort());

        n.modified(TypedConfigs.of(SmtpNotifierConfig.class, Map.of("server", LOOPBACK,
                "port", mail.getSmtp().getPort(), "to", new String[] {"oncall@example.net"}, "routerId", "lb9")));
        n.deliver(change(Scope.INSTANCE, "VI_2", NotifyState.MASTER, NotifyState.STOP, "lb1"));

        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[lb9] VRRP Instance VI_2 - Stopping");
        assertThat(addresses(m.getAllRecipients())).containsExactly("oncall@example.net");
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            out.add(((InternetAddress) a).getAddress());
        }
        return out;
    }

    /** A loopback port nothing listens on: connecting is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
