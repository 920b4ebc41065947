package dev.vigil.vrrp.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.StateChange;
import dev.vigil.api.StateChangeListener;
import dev.vigil.vrrp.engine.AnnouncementPacer;
import dev.vigil.vrrp.engine.EventLoop;

/**
 * The one protocol thread every instance of this daemon runs on, and the one ordered delivery
 * thread for state-change listeners (so a slow listener never delays an advert).
 */
@Component(service = VrrpLoop.class)
public class VrrpLoop {

    private final EventLoop loop = new EventLoop("vigil-vrrp");
    /** GARP/NA spacing is per interface, so shared by every instance. */
    private final AnnouncementPacer pacer = new AnnouncementPacer(loop);
    private final List<StateChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "vigil-state-listeners");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /** Sync group membership of the instances on this loop; loop thread only. */
    private final SyncMembers syncMembers = new SyncMembers(message -> log.warn(message));

    @Activate
    public VrrpLoop() {
    }

    EventLoop loop() {
        return loop;
    }

    /** Loop thread only. */
    AnnouncementPacer pacer() {
        return pacer;
    }

    /** Loop thread only. */
    SyncMembers syncMembers() {
        return syncMembers;
    }

    void publish(StateChange change) {
        delivery.execute(() -> {
            for (StateChangeListener l : listeners) {
                try {
                    l.stateChanged(change);
                } catch (RuntimeException e) {
                    log.warn("state listener {} failed on {}", l, change, e);
                }
            }
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(StateChangeListener l) {
        listeners.add(l);
    }

    void removeListener(StateChangeListener l) {
        listeners.remove(l);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        loop.close();
        delivery.shutdown();
        delivery.awaitTermination(2, TimeUnit.SECONDS);
    }
}
