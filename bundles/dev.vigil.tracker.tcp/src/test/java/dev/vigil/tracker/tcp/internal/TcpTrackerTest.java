package dev.vigil.tracker.tcp.internal;

import dev.vigil.testing.osgi.TypedConfigs;

import dev.vigil.tracker.support.PeriodicCheck;
import dev.vigil.tracker.support.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.track.TrackStatus;

/** TCP trackers against real listening (and not listening) sockets on loopback. */
class TcpTrackerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private ScheduledThreadPoolExecutor scheduler;
    private AsynchronousChannelGroup group;
    private final List<PeriodicCheck> checks = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        scheduler = new ScheduledThreadPoolExecutor(1);
        group = AsynchronousChannelGroup.withFixedThreadPool(1, CheckRuntime.threads("test-tcp-io-"));
    }

    @AfterEach
    void stop() throws Exception {
        checks.forEach(PeriodicCheck::close);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        scheduler.shutdownNow();
        group.shutdownNow();
        group.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("vigil_tracker_name", "chk_db");
        m.put("connectIp", "127.0.0.1");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private PeriodicCheck.Plan plan(Map<String, Object> values) {
        TcpTrackerConfig c = TypedConfigs.of(TcpTrackerConfig.class, values);
        PeriodicCheck.Plan p = TcpTrackerComponent.plan(c, null, null);
        if (p.deadlineMillis() == TcpTrackerComponent.DEADLINE_SLACK_MILLIS) {
            return p; // a configuration error
        }
        long timeout = c.connectTimeoutMillis() > 0 ? c.connectTimeoutMillis() : TcpTrackerComponent.DEFAULT_TIMEOUT_MILLIS;
        return TcpTrackerComponent.plan(new TcpProbe(group,
                new InetSocketAddress(TcpTrackerComponent.literal(c.connectIp()), c.connectPort()), timeout),
                c.intervalMillis());
    }

    private PeriodicCheck running(Map<String, Object> values, List<String> log) {
        return running(values, log, s -> { });
    }

    /** A started check; {@code subscriber} subscribed before the first probe. */
    private PeriodicCheck running(Map<String, Object> values, List<String> log,
            java.util.function.Consumer<TrackStatus> subscriber) {
        TcpTrackerConfig c = TypedConfigs.of(TcpTrackerConfig.class, values);
        PeriodicCheck check = new PeriodicCheck(scheduler, plan(values), c.rise(), c.fall(),
                (old, now) -> log.add((now.up() ? "up: " : "down: ") + now.detail()));
        checks.add(check);
        check.subscribe(subscriber);
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

    private ServerSocket listen(int port, int backlog) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(LOOPBACK, port), backlog);
        closeables.add(s);
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aListeningPortIsUpAndAClosedOneIsDown() throws Exception {
        ServerSocket server = listen(0, 50);
        int port = server.getLocalPort();
        List<String> log = new CopyOnWriteArrayList<>();
        PeriodicCheck check = running(config("connectPort", port, "intervalMillis", 20), log);
        await("up", () -> !log.isEmpty());
        assertThat(log).containsExactly("up: connected to 127.0.0.1:" + port);

        server.close();
        await("down", () -> log.size() == 2);
        assertThat(log.get(1)).startsWith("down: cannot connect to 127.0.0.1:" + port);
        assertThat(check.status().up()).isFalse();
    }

    @Test
    void aConnectThatHangsIsAbandonedAtTheConnectTimeout() throws Exception {
        // a listener that never accepts: once its accept queue is full the kernel drops new SYNs
        ServerSocket server = listen(0, 1);
        for (int i = 0; i < 4; i++) {
            Socket filler = new Socket();
            closeables.add(filler);
            try {
                filler.connect(server.getLocalSocketAddress(), 200);
            } catch (IOException full) {
                break;
            }
        }
        List<String> log = new CopyOnWriteArrayList<>();
        PeriodicCheck check = running(config("connectPort", server.getLocalPort(), "connectTimeoutMillis", 300,
                "intervalMillis", 50), log);
        await("down", () -> !log.isEmpty());
        assertThat(log).containsExactly("down: timed out after 300 ms");
        assertThat(check.status().up()).isFalse();
    }

    @Test
    void riseAndFallCountConsecutiveConnects() throws Exception {
        int port = freePort();
        ServerSocket server = listen(port, 50);
        List<String> log = new CopyOnWriteArrayList<>();
        List<TrackStatus> heard = new CopyOnWriteArrayList<>();
        PeriodicCheck check = running(config("connectPort", port, "intervalMillis", 20, "rise", 3, "fall", 2), log,
                heard::add);
        await("up", () -> log.size() == 1);
        long before = check.probes();
        server.close();
        await("down", () -> log.size() == 2);
        assertThat(check.probes() - before).isGreaterThanOrEqualTo(2);
        before = check.probes();
        listen(port, 50);
        await("up again", () -> log.size() == 3);
        assertThat(check.probes() - before).isGreaterThanOrEqualTo(3);
        assertThat(heard).extracting(TrackStatus::up).containsExactly(true, false, true);
        AutoCloseable other = check.subscribe(s -> { });
        assertThat(check.subscribers()).isEqualTo(2);
        other.close();
        assertThat(check.subscribers()).isEqualTo(1);
    }

    @Test
    void closeStopsTheChecks() throws Exception {
        ServerSocket server = listen(0, 50);
        PeriodicCheck check = running(config("connectPort", server.getLocalPort(), "intervalMillis", 10),
                new CopyOnWriteArrayList<>());
        await("a few probes", () -> check.probes() >= 3);
        check.close();
        long probes = check.probes();
        Thread.sleep(200);
        assertThat(check.probes()).isEqualTo(probes);
    }

    @Test
    void namesAndBadPortsAreConfigurationErrors() throws Exception {
        Map<String, Object> byName = config("connectIp", "db.example.com", "connectPort", 5432,
                "vigil_config_origin", "k.conf:7");
        Outcome o = plan(byName).probe().get().get(5, TimeUnit.SECONDS);
        assertThat(o).isEqualTo(Outcome.failed(
                "configuration error (k.conf:7): connect_ip db.example.com is not an IPv4 or IPv6 address"));
        Outcome port = plan(config("connectPort", 70000)).probe().get().get(5, TimeUnit.SECONDS);
        assertThat(port.detail()).isEqualTo("configuration error: connect_port 70000 is not a port (1-65535)");
        assertThat(TcpTrackerComponent.literal("::1").isLoopbackAddress()).isTrue();
    }
}
