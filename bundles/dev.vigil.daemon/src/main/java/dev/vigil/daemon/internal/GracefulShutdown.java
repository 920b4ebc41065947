package dev.vigil.daemon.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * SIGTERM and SIGINT stop the framework in order instead of killing the JVM mid-flight: every
 * VRRP instance is deactivated, so a MASTER sends its priority-0 advert and removes its VIPs
 * before the process exits (keepalived's order). The launcher itself installs no such hook.
 *
 * <p>The VRRP bundle stops first, on its own, while every notifier bundle still runs: the
 * instances' STOP notifications (notify_stop) are delivered before the notifiers go. The stop
 * is transient, so the bundle starts again with the framework next time.
 */
@Component(immediate = true)
public class GracefulShutdown {

    /** A MASTER's last advert and a few netlink calls: far below this, but never hang a stop. */
    static final long STOP_TIMEOUT_MILLIS = 15_000;

    static final String VRRP_BUNDLE = "dev.vigil.vrrp";

    private final Thread hook;

    @Activate
    public GracefulShutdown(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        Framework framework = (Framework) context.getBundle(0);
        this.hook = new Thread(() -> stop(framework, log), "vigil-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(Framework framework, Logger log) {
        log.info("Stopping");
        try {
            stopVrrpFirst(framework, log);
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MILLIS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("vigil: the framework did not stop within " + STOP_TIMEOUT_MILLIS + " ms");
            }
        } catch (BundleException e) {
            System.err.println("vigil: stopping the framework failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopVrrpFirst(Framework framework, Logger log) {
        BundleContext context = framework.getBundleContext();
        if (context == null) {
            return;
        }
        for (Bundle b : context.getBundles()) {
            if (VRRP_BUNDLE.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException | IllegalStateException e) {
                    log.warn("stopping {} before the framework failed: {}", VRRP_BUNDLE, e.toString());
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // we are running inside the hook's own stop: nothing to remove
        }
    }
}
