package dev.vigil.tracker.http.internal;

import dev.vigil.testing.osgi.TypedConfigs;

import dev.vigil.tracker.support.PeriodicCheck;
import dev.vigil.tracker.support.RiseFall;
import dev.vigil.tracker.support.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.vigil.api.track.TrackStatus;

/** HTTP trackers against real HTTP and HTTPS servers on loopback. */
@SuppressWarnings("unchecked")
class HttpTrackerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> body = new AtomicReference<>("healthy\n");
    private final AtomicInteger delayMillis = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    /** Every status the server answered, in order. */
    private final List<Integer> served = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ScheduledThreadPoolExecutor scheduler;
    private HttpClients clients;
    private final List<PeriodicCheck> checks = new ArrayList<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
        server.createContext("/health", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                int delay = delayMillis.get();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
                int st = status.get();
                served.add(st);
                exchange.sendResponseHeaders(st, b.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (timeout test)
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        scheduler = new ScheduledThreadPoolExecutor(2);
        clients = new HttpClients(scheduler);
    }

    @AfterEach
    void stop() {
        checks.forEach(PeriodicCheck::close);
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        scheduler.shutdownNow();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("vigil_tracker_name", "chk_web");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** One check, run once, outside any scheduler. */
    private Outcome once(Map<String, Object> values) throws Exception {
        PeriodicCheck.Plan plan = HttpTrackerComponent.plan(TypedConfigs.of(HttpTrackerConfig.class, values), clients, null);
        try {
            return plan.probe().get().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return plan.explain().apply(PeriodicCheck.unwrap(e));
        }
    }

    private PeriodicCheck running(Map<String, Object> values, List<String> log,
            java.util.function.Consumer<TrackStatus>... subscribers) {
        HttpTrackerConfig c = TypedConfigs.of(HttpTrackerConfig.class, values);
        PeriodicCheck check = new PeriodicCheck(scheduler, HttpTrackerComponent.plan(c, clients, null), c.rise(),
                c.fall(), (old, now) -> log.add((now.up() ? "up: " : "down: ") + now.detail()));
        checks.add(check);
        subscriptions.clear();
        for (java.util.function.Consumer<TrackStatus> s : subscribers) {
            subscriptions.add(check.subscribe(s));
        }
        check.start();
        return check;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void expectedStatusIsUpAndAnotherStatusIsDownSayingWhich() throws Exception {
        assertThat(once(config("url", url()))).isEqualTo(Outcome.ok("HTTP 200"));
        status.set(503);
        assertThat(once(config("url", url()))).isEqualTo(Outcome.failed("HTTP 503, expected 200"));
        assertThat(once(config("url", url(), "statusCodes", new int[] {200, 503})).ok()).isTrue();
        status.set(301);
        assertThat(once(config("url", url(), "statusCodes", new int[] {200, 204})))
                .isEqualTo(Outcome.failed("HTTP 301, expected 200|204"));
    }

    @Test
    void digestIsTheMd5OfTheBodyInAnyCase() throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest("healthy\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(once(config("url", url(), "digest", md5))).isEqualTo(Outcome.ok("HTTP 200, digest matches"));
        assertThat(once(config("url", url(), "digest", md5.toUpperCase())).ok()).isTrue();

        body.set("maintenance\n");
        Outcome changed = once(config("url", url(), "digest", md5));
        assertThat(changed.ok()).isFalse();
        assertThat(changed.detail()).contains("differs from digest " + md5);
    }

    @Test
    void aBrokenDigestOrUrlIsAConfigurationErrorThatCountsAsFailed() throws Exception {
        Outcome shortDigest = once(config("url", url(), "digest", "abc", "vigil_config_origin", "k.conf:12"));
        assertThat(shortDigest.ok()).isFalse();
        assertThat(shortDigest.detail()).startsWith("configuration error (k.conf:12): digest must be 32 hex digits");
        Outcome notHex = once(config("url", url(), "digest", "zz" + "0".repeat(30)));
        assertThat(notHex.detail()).contains("digest is not hexadecimal");
        assertThat(once(config("url", "ftp://127.0.0.1/x")).detail()).contains("is not http:// or https://");
        assertThat(requests.get()).isEqualTo(0);
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        delayMillis.set(3000);
        Outcome slow = once(config("url", url(), "readTimeoutMillis", 300, "connectTimeoutMillis", 1000));
        assertThat(slow.ok()).isFalse();
        assertThat(slow.detail()).isEqualTo("no response from 127.0.0.1:" + server.getAddress().getPort()
                + " within 300 ms");
    }

    @Test
    void aSlowServerIsAbandonedAtTheDeadlineByTheScheduler() throws Exception {
        delayMillis.set(5000);
        List<String> log = new CopyOnWriteArrayList<>();
        // a read timeout longer than the test wait: the deadline is connect + read + slack
        PeriodicCheck check = running(config("url", url(), "readTimeoutMillis", 200, "connectTimeoutMillis", 200,
                "intervalMillis", 100), log);
        await("down", () -> !log.isEmpty());
        assertThat(check.status().up()).isFalse();
        assertThat(check.status().detail()).containsAnyOf("within 200 ms", "timed out after");
    }

    @Test
    void aClosedPortIsDown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        Outcome refused = once(config("url", "http://127.0.0.1:" + port + "/health"));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.detail()).startsWith("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void riseAndFallCountConsecutiveResultsAfterTheFirst() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        PeriodicCheck check = running(config("url", url(), "intervalMillis", 20, "rise", 3, "fall", 2), log);
        await("first result", () -> !log.isEmpty());
        assertThat(log).containsExactly("up: HTTP 200");

        // fall 2: two 500s answered before it goes down
        status.set(500);
        await("down", () -> log.size() == 2);
        assertThat(log.get(1)).isEqualTo("down: HTTP 500, expected 200");
        int downAt = served.size();
        assertThat(served.stream().filter(s -> s == 500).count()).isGreaterThanOrEqualTo(2);

        // rise 3: three 200s answered after it went down before it is up again
        status.set(200);
        await("up again", () -> log.size() == 3);
        assertThat(served.subList(downAt, served.size()).stream().filter(s -> s == 200).count())
                .isGreaterThanOrEqualTo(3);
        assertThat(check.status().up()).isTrue();
    }

    @Test
    void riseFallCountsExactly() {
        List<String> changes = new ArrayList<>();
        RiseFall rf = new RiseFall(3, 2, (o, n) -> changes.add(n.up() ? "up" : "down"));
        assertThat(rf.status()).isSameAs(TrackStatus.PENDING);
        rf.accept(Outcome.failed("x"));
        assertThat(changes).containsExactly("down");
        rf.accept(Outcome.ok("a"));
        rf.accept(Outcome.ok("a"));
        assertThat(rf.status().up()).isFalse();
        rf.accept(Outcome.failed("x")); // breaks the streak
        rf.accept(Outcome.ok("a"));
        rf.accept(Outcome.ok("a"));
        assertThat(rf.status().up()).isFalse();
        rf.accept(Outcome.ok("a"));
        assertThat(rf.status().up()).isTrue();
        rf.accept(Outcome.failed("y"));
        assertThat(rf.status().up()).isTrue();
        rf.accept(Outcome.failed("y"));
        assertThat(rf.status().up()).isFalse();
        assertThat(rf.status().detail()).isEqualTo("y");
        assertThat(changes).containsExactly("down", "up", "down");
    }

    @Test
    void subscribersHearChangesUntilTheyCloseAndCloseStopsTheChecks() throws Exception {
        List<TrackStatus> heard = new CopyOnWriteArrayList<>();
        List<TrackStatus> heardByOther = new CopyOnWriteArrayList<>();
        PeriodicCheck check = running(config("url", url(), "intervalMillis", 20), new CopyOnWriteArrayList<>(),
                heard::add, heardByOther::add);
        AutoCloseable sub = subscriptions.get(0);
        await("up", () -> !heard.isEmpty());
        assertThat(heard.get(0).up()).isTrue();

        sub.close();
        assertThat(check.subscribers()).isEqualTo(1);
        status.set(404);
        await("other hears down", () -> heardByOther.size() == 2);
        assertThat(heard).hasSize(1);

        check.close();
        long probes = check.probes();
        int served = requests.get();
        // wait for several intervals' worth of requests that must not come
        CountDownLatch never = new CountDownLatch(1);
        never.await(300, TimeUnit.MILLISECONDS);
        assertThat(check.probes()).isEqualTo(probes);
        assertThat(requests.get()).isLessThanOrEqualTo(served + 1); // at most the one in flight at close
    }

    @Test
    void httpsVerifiesCertificatesByDefaultAndNotWithTlsVerifyOff(@TempDir Path dir) throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 4);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(dir)));
        https.createContext("/health", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, -1);
            }
        });
        https.start();
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/health";
            Outcome verified = once(config("url", url));
            assertThat(verified.ok()).isFalse();
            assertThat(verified.detail()).startsWith("TLS with 127.0.0.1:" + https.getAddress().getPort() + " failed");

            Outcome unverified = once(config("url", url, "tlsVerify", false));
            assertThat(unverified).isEqualTo(Outcome.ok("HTTP 200"));
            assertThat(clients.size()).isEqualTo(2);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void trackersWithTheSameTimeoutsShareOneClient() throws Exception {
        once(config("url", url(), "connectTimeoutMillis", 700));
        once(config("url", url() + "?other", "connectTimeoutMillis", 700));
        assertThat(clients.size()).isEqualTo(1);
        assertThat(HttpTrackerComponent.timeout(0, 0)).isEqualTo(5000);
        assertThat(HttpTrackerComponent.timeout(0, 1500)).isEqualTo(1500);
        assertThat(HttpTrackerComponent.timeout(300, 1500)).isEqualTo(300);
    }

    /** A self-signed certificate for CN=localhost / IP 127.0.0.1, made by the JDK's keytool. */
    private static SSLContext selfSigned(Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "vigil", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(ks)) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
