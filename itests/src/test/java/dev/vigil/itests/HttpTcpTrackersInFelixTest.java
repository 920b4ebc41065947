package dev.vigil.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.api.track.Tracker;

/**
 * The HTTP and TCP tracker bundles in the assembly, driven the way the keepalived.conf adapter
 * drives them: factory configurations {@code vigil.tracker.http~NAME} / {@code vigil.tracker.tcp~NAME}
 * become Tracker services with the name, the kind and the configuration's properties (weight);
 * a modified configuration keeps the same service; a deleted one removes it. The servers checked
 * are on loopback (no other network is touched).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpTcpTrackersInFelixTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path work = Path.of(System.getProperty("vigil.build.dir", "target"), "http-tcp-in-felix");
        Files.createDirectories(work.resolve("deploy"));
        List<Option> opts = new ArrayList<>();
        String localRepo = System.getProperty("maven.repo.local", "");
        if (!localRepo.isEmpty()) {
            opts.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepo));
        }
        opts.add(frameworkProperty("gosh.args").value("--nointeractive"));
        opts.add(frameworkProperty("felix.fileinstall.dir").value(work.resolve("deploy").toAbsolutePath().toString()));
        // no keepalived.conf: the adapter applies nothing and leaves our configurations alone
        opts.add(frameworkProperty("vigil.config.file").value(work.resolve("absent-keepalived.conf").toAbsolutePath().toString()));
        opts.add(junitBundles());
        for (Path b : Assembly.extractRunBundles(work.resolve("bundles"))) {
            opts.add(bundle(b.toUri().toString()));
        }
        return options(opts.toArray(Option[]::new));
    }

    @Test
    public void configurationsBecomeTrackerServicesThatCheckAndFollowChanges() throws Exception {
        try (LoopbackHttp web = new LoopbackHttp()) {
            Hashtable<String, Object> ok = new Hashtable<>();
            ok.put("vigil.tracker.name", "web_ok");
            ok.put("url", "http://127.0.0.1:" + web.port() + "/health");
            ok.put("intervalMillis", 200);
            ok.put("weight", -20);
            ok.put("vigil.config.origin", "itest.conf:1");
            org.osgi.service.cm.Configuration okConf = configAdmin.getFactoryConfiguration("vigil.tracker.http", "web_ok", "?");
            okConf.update(ok);

            Hashtable<String, Object> tcp = new Hashtable<>();
            tcp.put("vigil.tracker.name", "port_ok");
            tcp.put("connectIp", "127.0.0.1");
            tcp.put("connectPort", web.port());
            tcp.put("connectTimeoutMillis", 1000);
            tcp.put("intervalMillis", 200);
            configAdmin.getFactoryConfiguration("vigil.tracker.tcp", "port_ok", "?").update(tcp);

            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            Hashtable<String, Object> tcpDown = new Hashtable<>(tcp);
            tcpDown.put("vigil.tracker.name", "port_closed");
            tcpDown.put("connectPort", closed);
            configAdmin.getFactoryConfiguration("vigil.tracker.tcp", "port_closed", "?").update(tcpDown);

            ServiceReference<Tracker> okRef = awaitTracker("web_ok", s -> s.up());
            assertEquals("http", okRef.getProperty(Tracker.KIND_PROPERTY));
            assertEquals(-20, okRef.getProperty("weight"));
            assertEquals("HTTP 200", status(okRef).detail());
            ServiceReference<Tracker> tcpRef = awaitTracker("port_ok", s -> s.up());
            assertEquals("tcp", tcpRef.getProperty(Tracker.KIND_PROPERTY));
            assertEquals("connected to 127.0.0.1:" + web.port(), status(tcpRef).detail());
            ServiceReference<Tracker> closedRef = awaitTracker("port_closed", s -> !s.since().equals(TrackStatus.PENDING.since()));
            assertFalse(status(closedRef).up());
            assertTrue(status(closedRef).detail(), status(closedRef).detail().startsWith("cannot connect to 127.0.0.1:" + closed));
            assertTrue("every check was served by the loopback server", web.requests() > 0);

            // modified in place: same service, new verdict
            long serviceId = (Long) okRef.getProperty(Constants.SERVICE_ID);
            ok.put("statusCodes", new Integer[] {204});
            okConf.update(ok);
            ServiceReference<Tracker> after = awaitTracker("web_ok", s -> !s.up());
            assertEquals(serviceId, after.getProperty(Constants.SERVICE_ID));
            assertEquals("HTTP 200, expected 204", status(after).detail());

            // deleted: the service goes
            okConf.delete();
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (!trackers("web_ok").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue("web_ok unregistered after its configuration was deleted", trackers("web_ok").isEmpty());
        }
    }

    private Collection<ServiceReference<Tracker>> trackers(String name) throws InvalidSyntaxException {
        return context.getServiceReferences(Tracker.class, "(" + Tracker.NAME_PROPERTY + "=" + name + ")");
    }

    private TrackStatus status(ServiceReference<Tracker> ref) {
        Tracker t = context.getService(ref);
        assertNotNull(t);
        try {
            return t.status();
        } finally {
            context.ungetService(ref);
        }
    }

    private ServiceReference<Tracker> awaitTracker(String name, Predicate<TrackStatus> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            for (ServiceReference<Tracker> r : trackers(name)) {
                if (condition.test(status(r))) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tracker " + name + " not as expected within 20 s: "
                        + trackers(name).stream().map(this::status).toList());
            }
            Thread.sleep(20);
        }
    }

    /** A minimal HTTP/1.1 server on loopback: 200 "ok" to every request. */
    private static final class LoopbackHttp implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private volatile int requests;

        LoopbackHttp() throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            thread = new Thread(this::serve, "http-tcp-itest-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int requests() {
            return requests;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(2000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    StringBuilder req = new StringBuilder();
                    int n;
                    while (req.indexOf("\r\n\r\n") < 0 && req.length() < 65536 && (n = in.read(buf)) > 0) {
                        req.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    if (req.length() > 0) {
                        requests++;
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    // a TCP check connects and closes without a request: next
                }
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            socket.close();
            thread.join(5000);
        }
    }
}
