package dev.vigil.itests;

import static org.junit.Assert.assertEquals;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.vigil.api.StateChange;
import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;
import dev.vigil.api.track.Tracker;

/**
 * Issue 4's hot swap: a router is MASTER (a real VRRP socket on vg0 in the namespace
 * src/test/netns/bin/java made) and tracks a healthy HTTP check (weight +10, base priority 100).
 * The HTTP tracker bundle is updated, stopped, started, uninstalled and reinstalled; the router
 * component is never deactivated, its VrrpRouter service never unregistered, and it never leaves
 * MASTER; while the tracker is absent it counts as failed (documented), so the effective priority
 * is 100 then and 110 otherwise. Then the example checker bundle (examples/heartbeat-checker,
 * kind heartbeat) is dropped into the deploy folder at runtime and the instance starts using it
 * (+5); removing the jar takes that away again.
 * Configurations are written with ConfigAdmin directly; the whole assembly runs, its
 * keepalived.conf adapter pointed at a file that does not exist (so it applies nothing and
 * cannot reconcile them away).
 */
@RunWith(HotSwapNetnsRunner.class)
@Category(HotSwapNetns.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapTrackerTest {

    private static final String INSTANCE = "VI_HS";
    private static final String HTTP_BSN = "dev.vigil.tracker.http";
    private static final String ROUTER_COMPONENT = "dev.vigil.vrrp.internal.VrrpInstanceComponent";

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path work = Path.of(System.getProperty("vigil.build.dir", "target"), "hotswap-tracker");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        try (var leftovers = Files.list(deploy)) {
            for (Path p : leftovers.toList()) {
                Files.delete(p); // a jar from an earlier run would deploy the example checker too early
            }
        }
        List<Option> opts = new ArrayList<>();
        String localRepo = System.getProperty("maven.repo.local", "");
        if (!localRepo.isEmpty()) {
            opts.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepo));
        }
        opts.add(systemProperty("vigil.example.jar").value(System.getProperty("vigil.example.jar", "")));
        // the framework JVM gets an empty environment: hand it the namespace's interface
        opts.add(systemProperty("vigil.netns.if").value(String.valueOf(System.getenv("VIGIL_NETNS_IF"))));
        opts.add(systemProperty("vigil.itest.work").value(work.toAbsolutePath().toString()));
        opts.add(frameworkProperty("gosh.args").value("--nointeractive"));
        opts.add(frameworkProperty("felix.fileinstall.dir").value(work.resolve("deploy").toAbsolutePath().toString()));
        opts.add(junitBundles());
        // no keepalived.conf: the adapter reports it missing and applies nothing, so it never
        // reconciles away the configurations this test writes with ConfigAdmin
        opts.add(frameworkProperty("vigil.config.file").value(work.resolve("absent-keepalived.conf").toAbsolutePath().toString()));
        for (Path b : Assembly.extractRunBundles(work.resolve("bundles"))) {
            opts.add(bundle(b.toUri().toString()));
        }
        return options(opts.toArray(Option[]::new));
    }

    @Test
    public void trackerBundlesComeAndGoWhileTheRouterStaysMaster() throws Exception {
        String iface = System.getProperty("vigil.netns.if");
        assertTrue("the namespace wrapper's interface: " + iface, iface != null && !iface.equals("null"));
        Path work = Path.of(System.getProperty("vigil.itest.work"));
        try (HealthServer web = new HealthServer()) {
            Hashtable<String, Object> http = new Hashtable<>();
            http.put("vigil.tracker.name", "chk_web");
            http.put("url", "http://127.0.0.1:" + web.port() + "/health");
            http.put("intervalMillis", 200);
            http.put("connectTimeoutMillis", 500);
            http.put("readTimeoutMillis", 500);
            http.put("weight", 10);
            configAdmin.getFactoryConfiguration("vigil.tracker.http", "chk_web", "?").update(http);

            Path beat = work.resolve("heartbeat");
            Files.writeString(beat, "OK\n");
            Hashtable<String, Object> instance = new Hashtable<>();
            instance.put("name", INSTANCE);
            instance.put("interfaceName", iface);
            instance.put("virtualRouterId", 51);
            instance.put("priority", 100);
            instance.put("advertIntervalCentis", 100);
            instance.put("initialState", "MASTER");
            instance.put("virtualIpAddresses", new String[] {"198.51.100.200/24 dev " + iface});
            // chk_beat's kind (heartbeat) has no bundle yet: it counts as failed, adds nothing
            instance.put("trackers", new String[] {"chk_web weight=10", "chk_beat weight=5"});
            configAdmin.getFactoryConfiguration("vigil.instance", INSTANCE, "?").update(instance);

            VrrpRouter router = InFramework.awaitRouter(context, INSTANCE);
            await("MASTER at priority 110 with chk_web up",
                    () -> router.state() == VrrpState.MASTER && router.effectivePriority() == 110, router);
            long componentId = routerComponentId();
            List<StateChange> transitionsAtMaster = router.transitions();
            assertTrue("chk_beat (kind heartbeat, no bundle) is reported as failed: " + router.trackers(),
                    contribution(router, "chk_beat") != null && !contribution(router, "chk_beat").up());

            RouterWatch watch = new RouterWatch(router);
            try {
                Bundle httpBundle = InFramework.installed(context, HTTP_BSN);
                String location = httpBundle.getLocation();

                httpBundle.update();
                InFramework.refresh(context, httpBundle);
                await("chk_web back after update", () -> router.effectivePriority() == 110 && trackerUp("chk_web"), router);

                InFramework.installed(context, HTTP_BSN).stop();
                await("priority 100 while the HTTP tracker bundle is stopped", () -> router.effectivePriority() == 100,
                        router);
                InFramework.installed(context, HTTP_BSN).start();
                await("priority 110 once started again", () -> router.effectivePriority() == 110, router);

                InFramework.installed(context, HTTP_BSN).uninstall();
                InFramework.refresh(context, null);
                await("priority 100 while uninstalled", () -> router.effectivePriority() == 100, router);
                TrackerContribution missing = contribution(router, "chk_web");
                assertTrue("a tracker without its bundle counts as failed: " + missing, missing != null && !missing.up());

                context.installBundle(location).start();
                await("priority 110 once reinstalled", () -> router.effectivePriority() == 110 && trackerUp("chk_web"),
                        router);
                // the stopped and uninstalled copies left no threads behind: one scheduler, two threads
                await("only the current bundle's two check threads", () -> checkThreads() == 2, router);
            } finally {
                watch.close();
            }
            System.out.println("HotSwapTrackerTest: effective priorities seen while the HTTP tracker bundle moved: "
                    + watch.priorities + ", states other than MASTER: " + watch.notMaster);
            assertEquals("the VrrpRouter service was never unregistered", List.of(), watch.unregistered);
            assertEquals("the router never left MASTER (sampled every 2 ms)", List.of(), watch.notMaster);
            assertTrue("priorities seen: " + watch.priorities, watch.priorities.stream().allMatch(p -> p == 100 || p == 110));
            assertEquals("the router component was never deactivated", componentId, routerComponentId());
            assertEquals("no state transition since MASTER", transitionsAtMaster, router.transitions());

            // the example checker: its kind appears at runtime, the instance starts using it
            String example = System.getProperty("vigil.example.jar", "");
            assertTrue("the example checker jar " + example + " (mvn -f examples/heartbeat-checker/pom.xml package)",
                    Files.isRegularFile(Path.of(example)));
            Hashtable<String, Object> beatConf = new Hashtable<>();
            beatConf.put("vigil.tracker.name", "chk_beat");
            beatConf.put("intervalMillis", 200);
            beatConf.put("file", beat.toString());
            beatConf.put("max_age", "60");
            beatConf.put("contains", "OK");
            configAdmin.getFactoryConfiguration("vigil.tracker.heartbeat", "chk_beat", "?").update(beatConf);
            // deployed as documented: the jar dropped into FileInstall's deploy folder
            Path deployed = work.resolve("deploy").resolve(Path.of(example).getFileName());
            Files.copy(Path.of(example), deployed);
            await("priority 115 with the example checker's chk_beat up",
                    () -> router.effectivePriority() == 115 && trackerUp("chk_beat"), router);
            assertTrue("FileInstall installed the example checker",
                    java.util.Arrays.stream(context.getBundles())
                            .anyMatch(b -> "com.example.vigil.heartbeat".equals(b.getSymbolicName())
                                    && b.getState() == Bundle.ACTIVE));
            TrackerContribution beatView = contribution(router, "chk_beat");
            assertEquals("heartbeat", beatView.kind());
            assertTrue(beatView.up());
            assertEquals(5, beatView.delta());
            assertEquals(VrrpState.MASTER, router.state());
            assertEquals(componentId, routerComponentId());

            // removing the jar uninstalls the checker: chk_beat counts as failed again
            Files.delete(deployed);
            await("priority 110 once the example checker's jar is removed",
                    () -> router.effectivePriority() == 110 && java.util.Arrays.stream(context.getBundles())
                            .noneMatch(b -> "com.example.vigil.heartbeat".equals(b.getSymbolicName())), router);
            assertEquals(VrrpState.MASTER, router.state());
            assertEquals(componentId, routerComponentId());
        }
    }


    private void await(String what, BooleanSupplier condition, VrrpRouter router) throws InterruptedException {
        long deadline = System.nanoTime() + InFramework.WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what + "; router " + router.state() + " priority "
                        + router.effectivePriority() + ", trackers " + router.trackers() + ", faults "
                        + router.faultReasons() + ", transitions " + router.transitions());
            }
            Thread.sleep(20);
        }
    }

    private boolean trackerUp(String name) {
        try {
            Collection<ServiceReference<Tracker>> refs =
                    context.getServiceReferences(Tracker.class, "(" + Tracker.NAME_PROPERTY + "=" + name + ")");
            for (ServiceReference<Tracker> r : refs) {
                Tracker t = context.getService(r);
                try {
                    if (t != null && t.status().up()) {
                        return true;
                    }
                } finally {
                    context.ungetService(r);
                }
            }
            return false;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Live threads of the HTTP tracker bundle's shared scheduler. */
    private static long checkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vigil-http-check-")).count();
    }

    private static TrackerContribution contribution(VrrpRouter router, String name) {
        return router.trackers().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }



    /** The SCR id of the instance's component configuration: a new id means it was deactivated. */
    private long routerComponentId() {
        List<Long> ids = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.name.equals(ROUTER_COMPONENT)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (INSTANCE.equals(c.properties.get("name"))) {
                        ids.add(c.id);
                    }
                }
            }
        }
        assertEquals("one component configuration for " + INSTANCE + ": " + ids, 1, ids.size());
        return ids.get(0);
    }

    /** Watches the router while bundles move: unregistrations, any state but MASTER, priorities. */
    private final class RouterWatch implements AutoCloseable {
        final List<String> unregistered = new CopyOnWriteArrayList<>();
        final List<String> notMaster = new CopyOnWriteArrayList<>();
        final List<Integer> priorities = new CopyOnWriteArrayList<>();
        private final ServiceListener listener;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler;
        private final VrrpRouter router;

        RouterWatch(VrrpRouter router) throws Exception {
            this.router = router;
            listener = e -> {
                if (e.getType() == ServiceEvent.UNREGISTERING || e.getType() == ServiceEvent.MODIFIED_ENDMATCH) {
                    unregistered.add(Instant.now() + " " + e.getServiceReference());
                }
            };
            context.addServiceListener(listener, "(&(objectClass=" + VrrpRouter.class.getName() + ")("
                    + VrrpRouter.INSTANCE_PROPERTY + "=" + INSTANCE + "))");
            sampler = new Thread(() -> {
                int last = -1;
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (running.get() && System.nanoTime() < end) {
                    VrrpState s = router.state();
                    if (s != VrrpState.MASTER) {
                        notMaster.add(Instant.now() + " " + s);
                    }
                    int p = router.effectivePriority();
                    if (p != last) {
                        priorities.add(p);
                        last = p;
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "hotswap-router-watch");
            sampler.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.join(5000);
            context.removeServiceListener(listener);
            // one last sample: the loop may have stopped between two
            if (router.state() != VrrpState.MASTER) {
                notMaster.add(Instant.now() + " " + router.state());
            }
            int p = router.effectivePriority();
            if (priorities.isEmpty() || priorities.get(priorities.size() - 1) != p) {
                priorities.add(p);
            }
        }
    }

    /** A minimal HTTP/1.1 server on loopback (inside the namespace): 200 "ok" to every request. */
    private static final class HealthServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        HealthServer() throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            thread = new Thread(this::serve, "hotswap-health-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
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
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    // closed, or a client that went away: next
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
