package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import dev.vigil.api.TrackerContribution;
import dev.vigil.api.track.TrackStatus;

/**
 * What the tracked checks and interfaces of one instance do to it: the priority offset (the sum
 * of {@link Weights} deltas) and the FAULT sources ({@code tracker:NAME},
 * {@code track_interface:IF}). Confined to the instance's loop thread; it only computes and
 * tells a {@link Sink} what changed.
 *
 * <p>A tracked check is in one of these states: not seen yet (since the instance started, within
 * the startup grace: counted as "no result yet", like a script that has not run); bound to a
 * tracker service, with that tracker's last status; or absent (its service went away, or never
 * came within the grace): counted as DOWN, as the contract for a missing checker bundle says.
 * The weight is the entry's own, else the tracker service's {@code weight} property (remembered
 * once seen), else 0.
 */
final class Tracking {

    static final String KIND_INTERFACE = "interface";
    static final String SOURCE_TRACKER = "tracker:";
    static final String SOURCE_INTERFACE = "track_interface:";

    /** Where the results go: the instance's engine and fault aggregation. */
    interface Sink {
        void priorityOffset(int offset);

        /** {@code reason} null clears {@code source}. */
        void fault(String source, String reason);

        void info(String message);

        void warn(String message);
    }

    private enum Presence { NOT_SEEN, BOUND, ABSENT }

    private static final class Check {
        TrackSpec spec;
        long addedAt;
        Presence presence = Presence.NOT_SEEN;
        TrackerDirectory.Binding binding;
        TrackStatus status = TrackStatus.PENDING;
        String kind;
        Integer serviceWeight;
        Boolean serviceReverse;
        boolean absenceLogged;
        // what it does now
        Weights.Effect effect = Weights.Effect.NONE;
        String faultReason;
        TrackerContribution contribution;
    }

    private static final class Link {
        TrackSpec spec;
        boolean up;
        boolean known;
        Weights.Effect effect = Weights.Effect.NONE;
        String faultReason;
        TrackerContribution contribution;
    }

    private String instance;
    private final Sink sink;
    private final LongSupplier nanoTime;
    private final long graceNanos;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Map<String, Link> links = new LinkedHashMap<>();
    /** The fault each source was last told to the sink (absent: none). */
    private final Map<String, String> faults = new LinkedHashMap<>();
    private int offset;
    private List<TrackerContribution> contributions = List.of();
    /** In a sync group without sync_group_tracking_weight: weights do not move the priority. */
    private boolean weightsIgnored;
    /** Checks and interfaces whose ignored weight was logged since weights were last ignored. */
    private final java.util.Set<String> ignoredLogged = new java.util.HashSet<>();

    /**
     * @param nanoTime the loop's clock
     * @param graceNanos how long a newly listed check may wait for its tracker service before it
     *                   counts as absent (bundles start in any order)
     */
    Tracking(String instance, Sink sink, LongSupplier nanoTime, long graceNanos) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.graceNanos = graceNanos;
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Sets the tracked checks and interfaces; returns the names that are new (for the caller to
     * follow), after dropping the ones no longer listed. An entry names its tracker's kind and
     * weight (the config adapter writes them resolved), so a tracker whose service has not been
     * seen still counts as configured. Nothing is applied until {@link #apply}.
     */
    Changes configure(List<TrackSpec> checkSpecs, List<TrackSpec> linkSpecs) {
        List<String> addedChecks = new ArrayList<>();
        List<String> removedChecks = new ArrayList<>();
        List<String> addedLinks = new ArrayList<>();
        List<String> removedLinks = new ArrayList<>();
        Map<String, TrackSpec> wanted = new LinkedHashMap<>();
        checkSpecs.forEach(s -> wanted.put(s.name(), s));
        for (String name : List.copyOf(checks.keySet())) {
            if (!wanted.containsKey(name)) {
                checks.remove(name);
                removedChecks.add(name);
                clearFault(SOURCE_TRACKER + name);
            }
        }
        for (TrackSpec s : wanted.values()) {
            Check c = checks.get(s.name());
            if (c == null) {
                c = new Check();
                c.kind = s.kind();
                c.addedAt = nanoTime.getAsLong();
                checks.put(s.name(), c);
                addedChecks.add(s.name());
            }
            c.spec = s;
            if (c.binding == null && s.kind() != null) {
                c.kind = s.kind();
            }
        }
        Map<String, TrackSpec> wantedLinks = new LinkedHashMap<>();
        linkSpecs.forEach(s -> wantedLinks.put(s.name(), s));
        for (String name : List.copyOf(links.keySet())) {
            if (!wantedLinks.containsKey(name)) {
                links.remove(name);
                removedLinks.add(name);
                clearFault(SOURCE_INTERFACE + name);
            }
        }
        for (TrackSpec s : wantedLinks.values()) {
            Link l = links.get(s.name());
            if (l == null) {
                l = new Link();
                links.put(s.name(), l);
                addedLinks.add(s.name());
            }
            l.spec = s;
        }
        return new Changes(addedChecks, removedChecks, addedLinks, removedLinks);
    }

    record Changes(List<String> addedChecks, List<String> removedChecks, List<String> addedLinks,
            List<String> removedLinks) {
    }

    // ------------------------------------------------------------------ inputs

    /** The tracker service of {@code name} is now {@code binding} (null: none). */
    void bound(String name, TrackerDirectory.Binding binding) {
        Check c = checks.get(name);
        if (c == null) {
            return;
        }
        if (binding == null) {
            if (c.presence == Presence.BOUND) {
                c.presence = Presence.ABSENT;
                c.binding = null;
                c.status = TrackStatus.PENDING;
            }
        } else {
            boolean sameService = c.binding != null && c.binding.serviceId() == binding.serviceId();
            if (c.absenceLogged) {
                sink.info(prefix() + "tracker " + name + " (kind " + kindOf(binding.kind()) + ") is available again");
                c.absenceLogged = false;
            }
            c.presence = Presence.BOUND;
            c.binding = binding;
            c.kind = binding.kind() != null ? binding.kind() : c.kind;
            c.serviceWeight = binding.weight();
            c.serviceReverse = binding.reverse();
            if (!sameService) {
                c.status = TrackStatus.PENDING;
            }
        }
    }

    /** The tracker {@code name} (service {@code serviceId}) reports {@code status}. */
    void status(String name, long serviceId, TrackStatus status) {
        Check c = checks.get(name);
        if (c == null || c.binding == null || c.binding.serviceId() != serviceId || status == null) {
            return; // a late word from a service we no longer use
        }
        c.status = status;
    }

    /** Link state of a tracked interface. */
    void link(String name, boolean up) {
        Link l = links.get(name);
        if (l != null) {
            l.up = up;
            l.known = true;
        }
    }

    /**
     * keepalived ignores tracker weights of sync group members (unless the group sets
     * {@code sync_group_tracking_weight}): a weighted interface counts as weight 0 (down is
     * FAULT), a weighted check does nothing, a value tracker with the default weight 1 counts as
     * weight 0. keepalived decides this when reading the configuration; here it follows the
     * membership. Applied on the next {@link #apply}.
     *
     * @return whether this changed anything
     */
    boolean weightsIgnored(boolean ignored) {
        if (ignored == weightsIgnored) {
            return false;
        }
        weightsIgnored = ignored;
        ignoredLogged.clear();
        return true;
    }

    /** How long after {@link #configure} added a check it may still wait for its service. */
    long graceNanos() {
        return graceNanos;
    }

    // ------------------------------------------------------------------ output

    /** Recomputes every effect and tells the sink what changed: the offset first, then faults. */
    void apply() {
        List<Weights.Effect> effects = new ArrayList<>();
        List<TrackerContribution> views = new ArrayList<>();
        Map<String, String> faultChanges = new LinkedHashMap<>();
        for (Map.Entry<String, Check> e : checks.entrySet()) {
            String name = e.getKey();
            Check c = e.getValue();
            evaluate(name, c);
            effects.add(c.effect);
            views.add(c.contribution);
            String reason = c.effect.fault() ? c.faultReason : null;
            faultChanges.put(SOURCE_TRACKER + name, reason);
        }
        for (Map.Entry<String, Link> e : links.entrySet()) {
            String name = e.getKey();
            Link l = e.getValue();
            evaluate(name, l);
            effects.add(l.effect);
            views.add(l.contribution);
            faultChanges.put(SOURCE_INTERFACE + name, l.effect.fault() ? l.faultReason : null);
        }
        int next = Weights.sum(effects);
        contributions = List.copyOf(views);
        if (next != offset) {
            offset = next;
            sink.priorityOffset(next);
        }
        faultChanges.forEach((source, reason) -> {
            if (reason == null) {
                clearFault(source);
            } else if (!reason.equals(faults.get(source))) {
                faults.put(source, reason);
                sink.fault(source, reason);
            }
        });
    }

    private void clearFault(String source) {
        if (faults.remove(source) != null) {
            sink.fault(source, null);
        }
    }

    private void evaluate(String name, Check c) {
        Integer configured = c.spec.weight() != null ? c.spec.weight() : c.serviceWeight;
        int weight = configured == null ? 0 : configured;
        if (weightsIgnored && weight != 0) {
            boolean valueTracker = "file".equals(c.kind);
            if (valueTracker && weight == 1) {
                logIgnored(name, "ignoring weight from tracked file " + name + " due to SYNC group. specify weight 0");
                weight = 0;
            } else {
                logIgnored(name, valueTracker ? "ignoring tracked file " + name + " with weight " + weight
                        + " due to SYNC group" : "ignoring tracked script " + name + " with weights due to SYNC group");
                c.effect = Weights.Effect.NONE;
                c.faultReason = null;
                c.contribution = new TrackerContribution(name, kindOf(c.kind), weight, false, c.status.up(), 0,
                        "weight ignored in a sync group");
                return;
            }
        }
        boolean reverse = c.spec.reverse() != null ? c.spec.reverse()
                : c.serviceReverse != null && c.serviceReverse;
        String kind = kindOf(c.kind);
        TrackStatus s = c.status;
        if (c.presence == Presence.NOT_SEEN && nanoTime.getAsLong() - c.addedAt >= graceNanos) {
            c.presence = Presence.ABSENT;
        }
        boolean up;
        String detail;
        switch (c.presence) {
            case NOT_SEEN -> {
                // as keepalived's script "init" state: no weight either way, weight 0 waits in FAULT
                c.effect = weight == 0 ? Weights.Effect.FAULT : Weights.Effect.NONE;
                c.faultReason = "tracker " + name + " has no result yet";
                up = false;
                detail = "waiting for the tracker service";
            }
            case ABSENT -> {
                if (!c.absenceLogged) {
                    c.absenceLogged = true;
                    sink.warn(prefix() + "tracker " + name + " (kind " + kind
                            + ") is not available: treated as failed until its bundle is deployed");
                }
                c.effect = Weights.ofCheck(weight, reverse, false);
                c.faultReason = "tracker " + name + " not available";
                up = false;
                detail = "not available (no " + kind + " tracker service)";
            }
            default -> {
                up = s.up();
                detail = s.detail();
                if (s.equals(TrackStatus.PENDING)) {
                    c.effect = weight == 0 ? Weights.Effect.FAULT : Weights.Effect.NONE;
                    c.faultReason = "tracker " + name + " has no result yet";
                } else if (s.value().isPresent()) {
                    int v = s.value().getAsInt();
                    c.effect = Weights.ofValue(weight, reverse, v);
                    c.faultReason = "tracker " + name + " value " + v;
                } else {
                    c.effect = Weights.ofCheck(weight, reverse, up);
                    c.faultReason = "tracker " + name + (up ? " succeeded (reverse)" : " failed");
                }
            }
        }
        c.contribution = new TrackerContribution(name, kind, weight, reverse, up, c.effect.delta(),
                c.effect.fault() ? "FAULT: " + detail : detail);
    }

    private void evaluate(String name, Link l) {
        int weight = l.spec.weight() == null ? 0 : l.spec.weight();
        if (weightsIgnored && weight != 0) {
            logIgnored(SOURCE_INTERFACE + name, "ignoring " + name + " tracked interface weight due to SYNC group");
            weight = 0;
        }
        boolean reverse = l.spec.reverse() != null && l.spec.reverse();
        boolean up = l.known && l.up;
        l.effect = Weights.ofCheck(weight, reverse, up);
        l.faultReason = "interface " + name + (up ? " up (reverse)" : " down");
        String detail = !l.known ? "link state unknown" : up ? "link up" : "link down";
        l.contribution = new TrackerContribution(name, KIND_INTERFACE, weight, reverse, up, l.effect.delta(),
                l.effect.fault() ? "FAULT: " + detail : detail);
    }

    int offset() {
        return offset;
    }

    private void logIgnored(String key, String message) {
        if (ignoredLogged.add(key)) {
            sink.warn(prefix() + message);
        }
    }

    /** The instance was renamed (a reload): log lines use the new name. */
    void rename(String name) {
        instance = Objects.requireNonNull(name, "name");
    }

    List<TrackerContribution> contributions() {
        return contributions;
    }

    /** Every tracked check name. */
    List<String> checkNames() {
        return List.copyOf(checks.keySet());
    }

    List<String> linkNames() {
        return List.copyOf(links.keySet());
    }

    private static String kindOf(String kind) {
        return kind == null || kind.isBlank() ? "unknown" : kind;
    }

    private String prefix() {
        return "(" + instance + ") ";
    }
}
