package dev.vigil.shell.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.api.StateChangeListener;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.notify.NotifierQueues;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.track.TrackStatus;
import dev.vigil.api.track.Tracker;

/**
 * What the operations tools look at: every {@link VrrpRouter}, the VIP manager (to tell whether a
 * VIP is on its interface), every {@link Tracker} with the changes it reported since this bundle
 * started, and the {@link StateChangeListener} whiteboard. All references are dynamic: routers
 * and trackers come and go while the commands run.
 */
@Component(service = Routers.class, immediate = true)
public class Routers {

    static final int TRACKER_HISTORY = 16;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<VrrpRouter> routers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VipManager vips;

    @Reference(service = StateChangeListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ServiceReference<StateChangeListener>> listeners;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NotifierQueues notifierQueues;

    private final Map<Tracker, Watched> trackers = new ConcurrentHashMap<>();

    /** One tracker service: its properties and the changes it reported. */
    static final class Watched {
        final String name;
        final String kind;
        final Tracker tracker;
        final Deque<TrackStatus> history = new ArrayDeque<>();
        volatile AutoCloseable subscription;

        Watched(String name, String kind, Tracker tracker) {
            this.name = name;
            this.kind = kind;
            this.tracker = tracker;
        }

        void record(TrackStatus s) {
            synchronized (history) {
                if (history.size() == TRACKER_HISTORY) {
                    history.removeFirst();
                }
                history.addLast(s);
            }
        }

        List<TrackStatus> history() {
            synchronized (history) {
                return List.copyOf(history);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTracker(Tracker tracker, Map<String, Object> props) {
        Watched w = new Watched(String.valueOf(props.getOrDefault(Tracker.NAME_PROPERTY, "?")),
                String.valueOf(props.getOrDefault(Tracker.KIND_PROPERTY, "?")), tracker);
        trackers.put(tracker, w);
        try {
            TrackStatus now = tracker.status();
            if (now != null && !now.since().equals(Instant.EPOCH)) {
                w.record(now);
            }
            w.subscription = tracker.subscribe(w::record);
        } catch (RuntimeException e) {
            w.record(TrackStatus.down("cannot follow this tracker: " + e));
        }
    }

    void unbindTracker(Tracker tracker) {
        Watched w = trackers.remove(tracker);
        if (w != null) {
            close(w);
        }
    }

    @Deactivate
    void deactivate() {
        trackers.values().forEach(Routers::close);
        trackers.clear();
    }

    private static void close(Watched w) {
        AutoCloseable s = w.subscription;
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // the tracker is going away anyway
            }
        }
    }

    /** Every instance, by name. */
    public List<VrrpRouter> all() {
        List<VrrpRouter> now = routers;
        if (now == null) {
            return List.of();
        }
        List<VrrpRouter> sorted = new ArrayList<>(now);
        sorted.sort(Comparator.comparing(VrrpRouter::name));
        return sorted;
    }

    /** The instance named {@code name}; an error naming the instances there are otherwise. */
    public VrrpRouter named(String name) {
        List<VrrpRouter> all = all();
        for (VrrpRouter r : all) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no VRRP instance named '" + name + "'; instances: "
                + (all.isEmpty() ? "none" : all.stream().map(VrrpRouter::name).collect(Collectors.joining(", "))));
    }

    /** Asks the VIP manager; null when there is none or it cannot tell. */
    public Reports.VipProbe vipProbe() {
        VipManager m = vips;
        if (m == null) {
            return Reports.VipProbe.UNKNOWN;
        }
        return vip -> {
            try {
                return m.present(vip);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        };
    }

    List<Watched> trackers() {
        List<Watched> list = new ArrayList<>(trackers.values());
        list.sort(Comparator.comparing((Watched w) -> w.name));
        return list;
    }

    /** Every notifier's queue and counters; empty when the VRRP bundle is not running. */
    List<NotifierQueues.QueueStatus> notifierQueues() {
        NotifierQueues q = notifierQueues;
        return q == null ? List.of() : q.queues();
    }

    /** The state-change listeners (notifiers and others), described by service properties. */
    List<Map<String, Object>> listeners() {
        List<ServiceReference<StateChangeListener>> refs = listeners;
        List<Map<String, Object>> out = new ArrayList<>();
        if (refs == null) {
            return out;
        }
        for (ServiceReference<StateChangeListener> ref : refs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serviceId", ref.getProperty(Constants.SERVICE_ID));
            m.put("bundle", ref.getBundle() == null ? null : ref.getBundle().getSymbolicName());
            m.put("component", ref.getProperty("component.name"));
            out.add(m);
        }
        return out;
    }
}
