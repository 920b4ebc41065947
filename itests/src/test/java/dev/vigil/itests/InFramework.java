package dev.vigil.itests;

import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

import dev.vigil.api.VrrpRouter;

/** What the in-framework (Pax Exam) tests do to bundles and routers, bounded in time. */
final class InFramework {

    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private InFramework() {
    }

    /** The VrrpRouter service of {@code instance}, once it is registered (at most 30 s). */
    static VrrpRouter awaitRouter(BundleContext context, String instance) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            Collection<ServiceReference<VrrpRouter>> refs =
                    context.getServiceReferences(VrrpRouter.class, "(" + VrrpRouter.INSTANCE_PROPERTY + "=" + instance + ")");
            if (!refs.isEmpty()) {
                return context.getService(refs.iterator().next());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no VrrpRouter for " + instance + " within 30 s");
            }
            Thread.sleep(50);
        }
    }

    static Bundle installed(BundleContext context, String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }

    /** Refreshes {@code b} (null: the removal pending after an uninstall) and waits for it, bounded. */
    static void refresh(BundleContext context, Bundle b) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        wiring.refreshBundles(b == null ? null : List.of(b), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("refresh within 30 s", done.await(30, TimeUnit.SECONDS));
    }
}
