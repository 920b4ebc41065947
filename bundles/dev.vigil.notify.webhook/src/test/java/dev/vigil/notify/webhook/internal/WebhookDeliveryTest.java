package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import dev.vigil.testing.osgi.RecordingLogger;

/** The notifier against real HTTP servers on loopback. */
class WebhookDeliveryTest {

    private static final String SECRET = "s3cret-Ünïcode";
    /** Short waits between retries, so a test with retries takes well under a second. */
    private static final Backoff QUICK = new Backoff(20, 100);
    private static final long GENEROUS_MILLIS = 15_000;

    private record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final List<String> log = RecordingLogger.lines();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Statuses to answer, in order; 200 once they are used up. */
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private HttpServer server;
    private ExecutorService serverThreads;
    private ServerSocket silent;
    private final List<Socket> silentConnections = new CopyOnWriteArrayList<>();
    private Thread silentAcceptor;
    private final List<WebhookNotifier> notifiers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
                Integer status;
                synchronized (statuses) {
                    status = statuses.poll();
                }
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            }
        });
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServers() throws IOException, InterruptedException {
        notifiers.forEach(WebhookNotifier::deactivate);
        server.stop(0);
        serverThreads.shutdownNow();
        if (silent != null) {
            silent.close();
            silentAcceptor.join(5_000);
            for (Socket s : silentConnections) {
                s.close();
            }
        }
        assertThat(log).noneMatch(line -> line.contains(SECRET));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** A server that accepts connections and never answers. */
    private String silentUrl() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        silentAcceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    silentConnections.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-acceptor");
        silentAcceptor.start();
        return "http://127.0.0.1:" + silent.getLocalPort() + "/hook";
    }

    private void answer(Integer... codes) {
        synchronized (statuses) {
            statuses.addAll(List.of(codes));
        }
    }

    private WebhookNotifier notifier(Object... kv) {
        WebhookNotifier n = new WebhookNotifier(WebhookSettingsTest.config(kv), RecordingLogger.into(log), QUICK);
        notifiers.add(n);
        return n;
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private List<String> lines(String level) {
        return log.stream().filter(l -> l.startsWith(level + " ")).toList();
    }

    @Test
    void postsOneSignedJsonEvent() throws Exception {
        notifier("url", url(), "_secret", SECRET).deliver(Notifications.master(7));

        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.headers().getFirst("User-Agent")).isEqualTo("Vigil");
        assertThat(r.headers().getFirst("X-Vigil-Event")).isEqualTo("instance:VI_1");
        assertThat(r.headers().getFirst("X-Vigil-Sequence")).isEqualTo("7");
        assertThat(r.headers().getFirst("X-Vigil-Signature")).isEqualTo(hmac(r.body()));
        Map<String, Object> event = TinyJson.object(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(event).containsEntry("version", 1L).containsEntry("type", "instance")
                .containsEntry("name", "VI_1").containsEntry("from", "BACKUP").containsEntry("to", "MASTER")
                .containsEntry("priority", 150L).containsEntry("sequence", 7L)
                .containsEntry("timestamp", "2026-11-25T20:31:07.123Z").containsEntry("key", "instance:VI_1")
                .containsEntry("virtualAddresses", List.of("198.51.100.10/24", "2001:db8::10/64"));
        assertThat(lines("WARN")).isEmpty();
    }

    @Test
    void withoutASecretThereIsNoSignature() throws Exception {
        notifier("url", url()).deliver(Notifications.master(1));

        assertThat(received).hasSize(1);
        assertThat(received.get(0).headers().containsKey("X-Vigil-Signature")).isFalse();
    }

    @Test
    void unavailableTwiceThenDeliveredOnTheThirdAttempt() throws Exception {
        answer(503, 503, 200);

        notifier("url", url(), "_secret", SECRET).deliver(Notifications.master(3));

        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> new String(r.body(), StandardCharsets.UTF_8)).containsOnly(
                new String(received.get(0).body(), StandardCharsets.UTF_8));
        assertThat(lines("DEBUG")).filteredOn(l -> l.contains("retrying")).hasSize(2)
                .allMatch(l -> l.contains("(HTTP 503)") && l.contains(url()));
        assertThat(lines("WARN")).isEmpty();
    }

    @Test
    void aClientErrorIsGivenUpAtOnce() {
        answer(400);
        WebhookNotifier n = notifier("url", url());

        assertThatThrownBy(() -> n.deliver(Notifications.master(4)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(url())
                .hasMessageContaining("after 1 attempt in")
                .hasMessageEndingWith("HTTP 400 (not retried)");
        assertThat(received).hasSize(1);
        assertThat(lines("WARN")).hasSize(1).allMatch(l -> l.contains("gave up delivering instance:VI_1 #4"));
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpAfterTheRetryWindow() throws Exception {
        WebhookNotifier n = notifier("url", silentUrl(), "timeoutMillis", 200, "retryForMillis", 1000);

        long start = System.nanoTime();
        assertThatThrownBy(() -> n.deliver(Notifications.master(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no response within 200 ms (retry window of 1000 ms over)");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).isLessThan(GENEROUS_MILLIS);
        long retries = lines("DEBUG").stream().filter(l -> l.contains("retrying")).count();
        assertThat(retries).isPositive();
        // Each attempt was one connection (the acceptor thread may lag behind the kernel).
        awaitCondition(() -> silentConnections.size() == retries + 1);
    }

    @Test
    void aClosedPortIsRetriedUntilTheWindowIsOver() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        WebhookNotifier n = notifier("url", "http://127.0.0.1:" + port + "/hook", "timeoutMillis", 200,
                "retryForMillis", 500);

        assertThatThrownBy(() -> n.deliver(Notifications.master(6)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ConnectException")
                .hasMessageContaining("(retry window of 500 ms over)")
                .hasMessageNotContaining("after 1 attempt ");
    }

    @Test
    void interruptingTheDeliveringThreadStopsTheRetries() throws Exception {
        answer(503, 503, 503, 503, 503, 503, 503, 503);
        WebhookNotifier n = new WebhookNotifier(WebhookSettingsTest.config("url", url()), RecordingLogger.into(log),
                Backoff.DEFAULT);
        notifiers.add(n);

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = deliverOn(n, thrown);
        awaitRequests(1);
        worker.interrupt();
        worker.join(GENEROUS_MILLIS);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class).hasMessageContaining("(interrupted)");
        assertThat(received).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void interruptingAnAttemptInProgressEndsIt() throws Exception {
        WebhookNotifier n = notifier("url", silentUrl(), "timeoutMillis", 60_000);

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = deliverOn(n, thrown);
        awaitCondition(() -> !silentConnections.isEmpty());
        worker.interrupt();
        worker.join(GENEROUS_MILLIS);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(silentConnections).hasSize(1);
    }

    @Test
    void deactivationEndsTheWaitBeforeTheNextRetry() throws Exception {
        answer(503, 503, 503, 503, 503, 503, 503, 503);
        WebhookNotifier n = new WebhookNotifier(WebhookSettingsTest.config("url", url()), RecordingLogger.into(log),
                new Backoff(60_000, 60_000));

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = deliverOn(n, thrown);
        awaitRequests(1);
        n.deactivate();
        worker.join(GENEROUS_MILLIS);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(IOException.class).hasMessageEndingWith("HTTP 503 (notifier stopping)");
        assertThat(received).hasSize(1);
    }

    private static Thread deliverOn(WebhookNotifier n, AtomicReference<Throwable> thrown) {
        Thread t = new Thread(() -> {
            try {
                n.deliver(Notifications.master(9));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "deliver");
        t.start();
        return t;
    }

    private void awaitRequests(int count) throws InterruptedException {
        awaitCondition(() -> received.size() >= count);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GENEROUS_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + GENEROUS_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
    }
}
