package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.api.track.Tracker;

/**
 * The whiteboard of {@link Tracker} services, by {@value Tracker#NAME_PROPERTY}. Instances follow
 * the names they track; a tracker service coming, going or changing its properties is told to
 * the followers of its name and never restarts an instance (the reference is dynamic, optional
 * and greedy). When several services carry one name, the one with the highest
 * {@code service.ranking} (then the lowest {@code service.id}) wins, so a replacement provider
 * takes over by ranking.
 */
@Component(service = TrackerDirectory.class)
public class TrackerDirectory {

    /**
     * One tracker service as instances see it.
     *
     * @param weight the tracker's own {@code weight} property, null when it has none
     * @param reverse the tracker's own {@code reverse} property, null when it has none
     */
    record Binding(long serviceId, int ranking, String name, String kind, Integer weight, Boolean reverse,
            Tracker tracker) {
    }

    private final Map<String, List<Binding>> byName = new HashMap<>();
    private final Map<String, List<Consumer<Binding>>> followers = new HashMap<>();
    private final Map<String, Binding> current = new HashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedTracker", unbind = "removeTracker")
    void addTracker(Tracker tracker, Map<String, Object> properties) {
        Binding b = binding(tracker, properties);
        if (b == null) {
            return;
        }
        synchronized (this) {
            byName.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(b);
            elect(b.name());
        }
    }

    void updatedTracker(Tracker tracker, Map<String, Object> properties) {
        long id = serviceId(properties);
        Binding b = binding(tracker, properties);
        synchronized (this) {
            // the name itself may have changed: drop the old entry wherever it is
            for (String name : List.copyOf(byName.keySet())) {
                if (byName.get(name).removeIf(old -> old.serviceId() == id)) {
                    if (b == null || !b.name().equals(name)) {
                        elect(name);
                    }
                }
            }
            if (b != null) {
                byName.computeIfAbsent(b.name(), n -> new ArrayList<>()).add(b);
                elect(b.name());
            }
        }
    }

    void removeTracker(Tracker tracker, Map<String, Object> properties) {
        long id = serviceId(properties);
        synchronized (this) {
            for (String name : List.copyOf(byName.keySet())) {
                if (byName.get(name).removeIf(old -> old.serviceId() == id)) {
                    elect(name);
                }
            }
        }
    }

    /**
     * What {@link #follow} returns: the binding at the time of the call (null: no such service)
     * and the handle that stops the calls.
     */
    record Following(Binding current, AutoCloseable handle) {
    }

    /**
     * Follows {@code name}: returns the current binding, and from then on {@code listener} hears
     * every change (null: no service any more). It is called under this directory's lock, in
     * order: it must only hand the binding on (post it to a loop) and return.
     */
    synchronized Following follow(String name, Consumer<Binding> listener) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listener, "listener");
        followers.computeIfAbsent(name, n -> new ArrayList<>()).add(listener);
        return new Following(current.get(name), () -> {
            synchronized (TrackerDirectory.this) {
                List<Consumer<Binding>> list = followers.get(name);
                if (list != null) {
                    list.remove(listener);
                    if (list.isEmpty()) {
                        followers.remove(name);
                    }
                }
            }
        });
    }

    /** The binding instances of {@code name} use now, or null. */
    synchronized Binding current(String name) {
        return current.get(name);
    }

    /** Picks the best service of {@code name} and tells the followers when it changed. Lock held. */
    private void elect(String name) {
        List<Binding> candidates = byName.getOrDefault(name, List.of());
        Binding best = null;
        for (Binding b : candidates) {
            if (best == null || b.ranking() > best.ranking()
                    || (b.ranking() == best.ranking() && b.serviceId() < best.serviceId())) {
                best = b;
            }
        }
        if (candidates.isEmpty()) {
            byName.remove(name);
        }
        Binding previous = best == null ? current.remove(name) : current.put(name, best);
        if (Objects.equals(previous, best)) {
            return;
        }
        for (Consumer<Binding> l : followers.getOrDefault(name, List.of())) {
            l.accept(best);
        }
    }

    private static Binding binding(Tracker tracker, Map<String, Object> p) {
        Object name = p.get(Tracker.NAME_PROPERTY);
        if (!(name instanceof String n) || n.isBlank()) {
            return null; // nothing can refer to it
        }
        Object kind = p.get(Tracker.KIND_PROPERTY);
        return new Binding(serviceId(p), integer(p.get(Constants.SERVICE_RANKING), 0), n.trim(),
                kind == null ? null : kind.toString(), integerOrNull(p.get("weight")), booleanOrNull(p.get("reverse")),
                tracker);
    }

    private static long serviceId(Map<String, Object> p) {
        Object id = p.get(Constants.SERVICE_ID);
        return id instanceof Number n ? n.longValue() : -1;
    }

    private static int integer(Object o, int otherwise) {
        Integer i = integerOrNull(o);
        return i == null ? otherwise : i;
    }

    static Integer integerOrNull(Object o) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof String s && !s.isBlank()) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Boolean booleanOrNull(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof String s && !s.isBlank()) {
            return Boolean.parseBoolean(s.trim());
        }
        return null;
    }
}
