package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * The data plane's {@link VipFirewall}, followed dynamically and optional: it came with data-plane
 * SPI 1.3, so a vendor data plane without one still runs every instance; only no_accept is then
 * not enforced (each block reports it). Vigil's own dev.vigil.firewall.nftables provides one.
 *
 * <p>The protocol thread never waits for the firewall: a firewall may run a program (nft takes
 * about 10 ms, the first run 200 ms, a hung one up to its timeout), and every instance's adverts
 * would wait with it. So block and unblock only record what the instance wants; one worker thread
 * brings the firewall in line, per instance in order and with only the latest wish applied. The
 * cost is that a new MASTER's VIPs may accept traffic for the few milliseconds nft takes. What the
 * instances want is kept, so a firewall that arrives late, or comes back with a new configuration,
 * is given every block at once.
 */
@Component(service = OptionalVipFirewall.class)
public class OptionalVipFirewall implements VipFirewall {

    private static final long STOP_WAIT_SECONDS = 5;

    /** Guarded by this: what each instance wants blocked now. */
    private final Map<String, List<VirtualAddress>> wanted = new LinkedHashMap<>();
    /** Guarded by this: instances whose wish the worker has yet to apply. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** Where failures are reported: there is no caller waiting to be told. */
    private final Consumer<String> warn;
    private ExecutorService worker;
    private VipFirewall firewall;

    @Activate
    public OptionalVipFirewall(@Reference(service = LoggerFactory.class) Logger log) {
        this.warn = log::warn;
    }

    /** For tests: reports failures to {@code warn}. */
    OptionalVipFirewall(Consumer<String> warn) {
        this.warn = warn;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void setFirewall(VipFirewall next) {
        firewall = next;
        wanted.keySet().forEach(this::schedule);
    }

    synchronized void unsetFirewall(VipFirewall gone) {
        if (firewall == gone) {
            firewall = null;
        }
    }

    /** Applies what is still pending (at most 5 s), then lets the worker go. */
    @Deactivate
    void deactivate() {
        ExecutorService w;
        synchronized (this) {
            w = worker;
            worker = null;
        }
        if (w != null) {
            w.shutdown();
            try {
                if (!w.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records the wish and returns at once; without a firewall, says so (no_accept not enforced). */
    @Override
    public synchronized void block(String instance, Collection<VirtualAddress> addresses) throws IOException {
        wanted.put(instance, List.copyOf(addresses));
        if (firewall == null) {
            throw new IOException("block " + addresses + ": no VipFirewall service (no_accept is not enforced)");
        }
        schedule(instance);
    }

    @Override
    public synchronized void unblock(String instance) {
        if (wanted.remove(instance) != null && firewall != null) {
            schedule(instance);
        }
    }

    /** For tests and shutdown: waits (at most {@code seconds}) until every recorded wish is applied. */
    void awaitApplied(long seconds) throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorService w;
        synchronized (this) {
            w = worker;
        }
        if (w != null) {
            w.submit(() -> { }).get(seconds, TimeUnit.SECONDS);
        }
    }

    /** Guarded by this. */
    private void schedule(String instance) {
        if (!pending.add(instance)) {
            return; // already queued: the worker will read the latest wish
        }
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vigil-vip-firewall");
                t.setDaemon(true);
                return t;
            });
        }
        worker.execute(() -> apply(instance));
    }

    /** Worker thread: brings the firewall in line with the instance's latest wish. */
    private void apply(String instance) {
        VipFirewall target;
        Optional<List<VirtualAddress>> blocked;
        synchronized (this) {
            pending.remove(instance);
            target = firewall;
            blocked = Optional.ofNullable(wanted.get(instance));
        }
        if (target == null) {
            return; // the next firewall is given every wish when it arrives
        }
        try {
            if (blocked.isPresent()) {
                target.block(instance, blocked.get());
            } else {
                target.unblock(instance);
            }
        } catch (IOException | RuntimeException e) {
            warn.accept("(" + instance + ") cannot " + (blocked.isPresent() ? "set" : "remove")
                    + " firewall drop rule: " + e.getMessage());
        }
    }
}
