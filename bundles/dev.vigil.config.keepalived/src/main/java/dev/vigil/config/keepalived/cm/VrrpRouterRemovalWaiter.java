package dev.vigil.config.keepalived.cm;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Polls the service registry until no {@code VrrpRouter} service of the deleted instances is
 * left, or the bound has passed (then it says so and lets the apply carry on). The class and
 * property are named as strings so this bundle keeps no package dependency on the VRRP API.
 */
final class VrrpRouterRemovalWaiter implements InstanceRemovalWaiter {

    static final String ROUTER_CLASS = "dev.vigil.api.VrrpRouter";
    static final String INSTANCE_PROPERTY = "vigil.instance";
    static final Duration POLL = Duration.ofMillis(50);

    private final BundleContext context;
    private final Duration bound;
    private final Consumer<String> warn;

    VrrpRouterRemovalWaiter(BundleContext context, Duration bound, Consumer<String> warn) {
        this.context = context;
        this.bound = bound;
        this.warn = warn;
    }

    @Override
    public void awaitRemoved(List<String> instanceNames) {
        long polls = Math.max(1, bound.toMillis() / POLL.toMillis());
        List<String> running = running(instanceNames);
        for (long i = 0; i < polls && !running.isEmpty(); i++) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            running = running(running);
        }
        if (!running.isEmpty()) {
            warn.accept("the router of removed vrrp_instance(s) " + String.join(", ", running) + " did not stop within "
                    + bound.toMillis() + " ms; their notifiers are reconfigured anyway");
        }
    }

    private List<String> running(List<String> names) {
        List<String> running = new ArrayList<>();
        for (String name : names) {
            try {
                ServiceReference<?>[] found = context.getServiceReferences((String) null,
                        "(&(objectClass=" + ROUTER_CLASS + ")(" + INSTANCE_PROPERTY + "=" + escape(name) + "))");
                if (found != null && found.length > 0) {
                    running.add(name);
                }
            } catch (InvalidSyntaxException | IllegalStateException e) {
                // a name the filter cannot hold, or this bundle stopping: nothing to wait for
            }
        }
        return running;
    }

    /** RFC 1960 filter escaping of a value. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
