package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notifier;
import dev.vigil.api.notify.NotifierQueues;

/**
 * Hands notifications to every {@link Notifier} service through a queue and worker of its own
 * ({@link NotifierQueue}), so the protocol thread only appends to queues. Queues are kept by
 * {@link Notifier#NAME_PROPERTY}. A notifier being removed first gets
 * {@value #UNBIND_DRAIN_MILLIS} ms to deliver what is queued; one that comes back under the same
 * name (a bundle update) gets what was queued meanwhile; one that stays away longer than
 * {@value #REBIND_GRACE_SECONDS} s has its queue closed, the rest counted as dropped.
 */
@Component(service = {NotificationDispatcher.class, NotifierQueues.class}, immediate = true)
public class NotificationDispatcher implements NotifierQueues {

    static final long REBIND_GRACE_SECONDS = 30;
    /** How long a notifier being removed gets to deliver what is queued for it. */
    static final long UNBIND_DRAIN_MILLIS = 2_000;
    /** How long stopping waits for queued notifications (notify_stop on shutdown) to go out. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Logger log;
    private final Map<String, NotifierQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-notify-reaper");
        t.setDaemon(true);
        return t;
    });
    private final NotifierQueue.Events events;
    private final long rebindGraceMillis;
    private final long unbindDrainMillis;

    @Activate
    public NotificationDispatcher(@Reference(service = LoggerFactory.class) Logger log) {
        this(log, TimeUnit.SECONDS.toMillis(REBIND_GRACE_SECONDS), UNBIND_DRAIN_MILLIS);
    }

    NotificationDispatcher(Logger log, long rebindGraceMillis, long unbindDrainMillis) {
        this.log = log;
        this.rebindGraceMillis = rebindGraceMillis;
        this.unbindDrainMillis = unbindDrainMillis;
        this.events = new NotifierQueue.Events() {
            @Override
            public void dropped(String queue, Notification n, String why) {
                log.warn("notifier {}: dropped {}: {}", queue, n, why);
            }

            @Override
            public void failed(String queue, Notification n, Exception error) {
                // A notifier that gives up says why itself; the stack is for debugging only.
                log.warn("notifier {}: delivering {} failed: {}", queue, n, String.valueOf(error.getMessage()));
                log.debug("notifier {}: delivery failure of {}", queue, n, error);
            }
        };
    }

    /** The next sequence number of an instance or group ({@link Notification#key()}). */
    long nextSequence(String key) {
        return sequences.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The next sequence number of an event of an instance: counted apart from its state changes,
     * so that a notifier that gets state changes only sees no gap.
     */
    long nextSequence(Notification.Event event, String key) {
        return nextSequence(event == Notification.Event.STATE ? key : key + "#" + event);
    }

    /** Queues the notification for every notifier that wants it; never blocks. */
    public void publish(Notification n) {
        for (NotifierQueue q : queues.values()) {
            q.offer(n);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedNotifier", unbind = "removeNotifier")
    void addNotifier(Notifier notifier, Map<String, Object> props) {
        String name = name(props);
        int capacity = capacity(props);
        Predicate<Notification> wanted = wanted(props);
        NotifierQueue q = queues.computeIfAbsent(name, k -> new NotifierQueue(k, capacity, events));
        q.bind(notifier, wanted, capacity);
        log.debug("notifier {} bound", name);
    }

    void updatedNotifier(Notifier notifier, Map<String, Object> props) {
        NotifierQueue q = queues.get(name(props));
        if (q != null) {
            q.bind(notifier, wanted(props), capacity(props));
        }
    }

    void removeNotifier(Notifier notifier, Map<String, Object> props) {
        String name = name(props);
        NotifierQueue q = queues.get(name);
        if (q == null || !q.unbind(notifier, unbindDrainMillis)) {
            return;
        }
        int waiting = q.status().queued();
        if (waiting > 0) {
            log.info("notifier {} went away with {} queued; kept {} s for its return", name, waiting,
                    rebindGraceMillis / 1000.0);
        }
        try {
            reaper.schedule(() -> reapIfAbsent(q), rebindGraceMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // Deactivating: close() takes care of every queue.
        }
    }

    private void reapIfAbsent(NotifierQueue q) {
        if (!q.bound() && queues.remove(q.name(), q)) {
            int dropped = q.close(0);
            if (dropped > 0) {
                log.warn("notifier {} did not come back: {} queued notifications dropped", q.name(), dropped);
            }
        }
    }

    @Override
    public List<QueueStatus> queues() {
        List<QueueStatus> all = new ArrayList<>();
        for (NotifierQueue q : queues.values()) {
            all.add(q.status());
        }
        all.sort(Comparator.comparing(QueueStatus::name));
        return all;
    }

    @Deactivate
    void deactivate() {
        reaper.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (NotifierQueue q : queues.values()) {
            long rest = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            int dropped = q.close(rest);
            if (dropped > 0) {
                log.warn("notifier {}: stopping with {} notifications undelivered", q.name(), dropped);
            }
        }
        queues.clear();
    }

    // ---------------------------------------------------------------- service properties

    static String name(Map<String, Object> props) {
        Object n = props.get(Notifier.NAME_PROPERTY);
        if (n != null && !n.toString().isBlank()) {
            return n.toString();
        }
        Object pid = props.get(Constants.SERVICE_PID);
        if (pid != null) {
            return pid.toString();
        }
        Object component = props.get("component.name");
        return component != null ? component.toString() : "service-" + props.get(Constants.SERVICE_ID);
    }

    static int capacity(Map<String, Object> props) {
        Object c = props.get(Notifier.QUEUE_CAPACITY_PROPERTY);
        if (c instanceof Number number) {
            return Math.max(1, number.intValue());
        }
        if (c != null) {
            try {
                return Math.max(1, Integer.parseInt(c.toString().trim()));
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        return Notifier.DEFAULT_QUEUE_CAPACITY;
    }

    /** What a notifier gets: its scope's instances and groups, and of those the events it asked for. */
    static Predicate<Notification> wanted(Map<String, Object> props) {
        return scope(props).and(events(props));
    }

    static Predicate<Notification> scope(Map<String, Object> props) {
        Object s = props.get(Notifier.SCOPE_PROPERTY);
        if (s == null) {
            return n -> true;
        }
        List<String> entries = strings(s);
        if (entries.isEmpty() || entries.contains("*")) {
            return n -> true;
        }
        Set<String> keys = Set.copyOf(entries);
        return n -> keys.contains(n.key());
    }

    /**
     * {@link Notifier#EVENTS_PROPERTY}: the events named, or state changes only when absent, so a
     * notifier written before the other events existed never gets one.
     */
    static Predicate<Notification> events(Map<String, Object> props) {
        Object e = props.get(Notifier.EVENTS_PROPERTY);
        Set<Notification.Event> events = EnumSet.of(Notification.Event.STATE);
        if (e != null) {
            events.clear();
            for (String name : strings(e)) {
                try {
                    events.add(Notification.Event.valueOf(name.trim()));
                } catch (IllegalArgumentException unknown) {
                    // an event of a later API version: this dispatcher never sends it
                }
            }
        }
        return n -> events.contains(n.event());
    }

    private static List<String> strings(Object value) {
        if (value instanceof String[] array) {
            return Arrays.asList(array);
        } else if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }
}
