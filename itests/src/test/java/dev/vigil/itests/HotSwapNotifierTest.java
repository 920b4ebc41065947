package dev.vigil.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.vigil.api.StateChangeListener;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;
import dev.vigil.api.notify.NotifierQueues;

/**
 * Issue 5's hot swap: a lone router in the namespace (src/test/netns/bin/java) cycles
 * MASTER → FAULT → BACKUP → MASTER through maintenance while its notify script notifier bundle is
 * updated, and later uninstalled and reinstalled with notifications waiting for it. Every
 * transition reaches the script exactly once and in order; nothing is dropped or lost: the queue
 * is kept under the notifier's name while its bundle is away.
 */
@RunWith(HotSwapNetnsRunner.class)
@Category(HotSwapNetns.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapNotifierTest {

    private static final String INSTANCE = "VI_NS";
    private static final String QUEUE = "script:instance:" + INSTANCE;
    private static final String SCRIPT_BSN = "dev.vigil.notify.script";
    private static final int CYCLES = 10;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private NotifierQueues queues;

    @Configuration
    public Option[] config() throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty("vigil.build.dir", "target"), "hotswap-notifier"));
        List<Option> opts = new ArrayList<>();
        String localRepo = System.getProperty("maven.repo.local", "");
        if (!localRepo.isEmpty()) {
            opts.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepo));
        }
        opts.add(systemProperty("vigil.netns.if").value(String.valueOf(System.getenv("VIGIL_NETNS_IF"))));
        opts.add(systemProperty("vigil.itest.work").value(work.toAbsolutePath().toString()));
        opts.add(frameworkProperty("gosh.args").value("--nointeractive"));
        opts.add(frameworkProperty("felix.fileinstall.dir").value(
                Files.createDirectories(work.resolve("deploy")).toAbsolutePath().toString()));
        opts.add(junitBundles());
        // no keepalived.conf: the adapter applies nothing and never reconciles this test's configurations away
        opts.add(frameworkProperty("vigil.config.file").value(work.resolve("absent-keepalived.conf").toAbsolutePath().toString()));
        for (Path b : Assembly.extractRunBundles(work.resolve("bundles"))) {
            opts.add(bundle(b.toUri().toString()));
        }
        return options(opts.toArray(Option[]::new));
    }

    @Test
    public void notificationsSurviveUpdatingAndReinstallingTheNotifierBundle() throws Exception {
        String iface = System.getProperty("vigil.netns.if");
        assertTrue("the namespace wrapper's interface: " + iface, iface != null && !iface.equals("null"));
        Path work = Path.of(System.getProperty("vigil.itest.work"));
        Path received = work.resolve("received-" + System.nanoTime());
        // Slow on purpose (50 ms a run), so notifications wait in the queue while the bundle moves.
        Path script = Files.writeString(work.resolve("notify.sh"),
                "#!/bin/sh\nsleep 0.05\necho \"$1 $2 $3\" >> " + received + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> seen = new CopyOnWriteArrayList<>();
        ServiceRegistration<StateChangeListener> listener = context.registerService(StateChangeListener.class,
                c -> {
                    if (c.instance().equals(INSTANCE) && c.to() != VrrpState.INIT) {
                        seen.add("INSTANCE " + INSTANCE + " " + c.to());
                    }
                }, null);
        try {
            Hashtable<String, Object> notify = new Hashtable<>();
            notify.put("vigil.notify.name", QUEUE);
            notify.put("vigil.notify.scope", new String[] {"instance:" + INSTANCE});
            notify.put("notify", script.toString());
            notify.put("notifyArgv", new String[] {script.toString()});
            notify.put("timeoutMillis", 5000);
            configAdmin.getFactoryConfiguration("vigil.notify.script", "instance." + INSTANCE, "?").update(notify);

            Hashtable<String, Object> instance = new Hashtable<>();
            instance.put("name", INSTANCE);
            instance.put("interfaceName", iface);
            instance.put("virtualRouterId", 52);
            instance.put("priority", 100);
            instance.put("version", 3);
            instance.put("advertIntervalCentis", 10);
            instance.put("initialState", "MASTER");
            instance.put("virtualIpAddresses", new String[] {"198.51.100.201/24 dev " + iface});
            configAdmin.getFactoryConfiguration("vigil.instance", INSTANCE, "?").update(instance);

            VrrpRouter router = InFramework.awaitRouter(context, INSTANCE);
            await("MASTER", () -> router.state() == VrrpState.MASTER, router);

            String location = InFramework.installed(context, SCRIPT_BSN).getLocation();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                router.setMaintenance(true);
                await("FAULT in cycle " + cycle, () -> router.state() == VrrpState.FAULT, router);
                if (cycle == 3) {
                    Bundle b = InFramework.installed(context, SCRIPT_BSN);
                    b.update();
                    InFramework.refresh(context, b);
                }
                if (cycle == 6) {
                    InFramework.installed(context, SCRIPT_BSN).uninstall();
                    InFramework.refresh(context, null);
                }
                router.setMaintenance(false);
                await("MASTER in cycle " + cycle, () -> router.state() == VrrpState.MASTER, router);
                if (cycle == 7) {
                    assertTrue("the queue waits for its notifier: " + status(),
                            status() != null && !status().bound() && status().queued() > 0);
                    context.installBundle(location).start();
                }
            }

            await("every notification delivered", () -> status() != null && status().bound()
                    && status().queued() == 0 && status().accepted() == seen.size()
                    && status().delivered() + status().failed() + status().dropped() == status().accepted(), router);
            NotifierQueues.QueueStatus s = status();
            System.out.println("HotSwapNotifierTest: " + s);
            assertEquals("nothing dropped: " + s, 0, s.dropped());
            assertEquals("nothing failed: " + s, 0, s.failed());
            assertTrue("three transitions a cycle, plus the way to the first MASTER: " + seen,
                    seen.size() >= 3 * CYCLES + 1);
            assertEquals("the script saw every transition once, in order", seen, Files.readAllLines(received));
        } finally {
            listener.unregister();
        }
    }

    private NotifierQueues.QueueStatus status() {
        return queues.queues().stream().filter(q -> q.name().equals(QUEUE)).findFirst().orElse(null);
    }


    private void await(String what, BooleanSupplier condition, VrrpRouter router) throws InterruptedException {
        long deadline = System.nanoTime() + InFramework.WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what + "; router " + router.state() + ", queue "
                        + status() + ", transitions " + router.transitions());
            }
            Thread.sleep(10);
        }
    }


}
