package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.vigil.vrrp.engine.SyncGroup;
import dev.vigil.vrrp.engine.VrrpInstance;

/**
 * Who is in which sync group: the running instances by name and the configured groups with the
 * names they list. Instances and groups come and go independently (either may be configured
 * first, and a reload may replace either); each arrival or departure puts the instance into the
 * group that lists it, or takes it out. Loop thread only.
 */
final class SyncMembers {

    /**
     * A running instance and what its group needs from its configuration.
     *
     * @param virtualAddresses {@code ADDR/LEN} of each VIP, as configured, for group notifications
     * @param weightsIgnored told (again) whenever membership may have changed: true while the
     *                       instance is in a group without {@code sync_group_tracking_weight},
     *                       where keepalived ignores tracker weights
     */
    record Member(VrrpInstance instance, String routerId, List<String> virtualAddresses,
            Consumer<Boolean> weightsIgnored) {
    }

    private record Configured(SyncGroup group, List<String> names, boolean trackingWeight) {
    }

    private final Map<String, Member> instances = new HashMap<>();
    private final Map<String, Configured> groups = new LinkedHashMap<>();
    private final Consumer<String> warn;

    /** @param warn told of configuration errors, in keepalived's wording */
    SyncMembers(Consumer<String> warn) {
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** Instance {@code name} now runs as {@code member.instance()} (new, or made anew on a reconfiguration). */
    void instanceUp(String name, Member member) {
        Member old = instances.put(name, member);
        if (old != null && old.instance() != member.instance()) {
            leave(old.instance());
        }
        for (Configured c : groups.values()) {
            if (c.names().contains(name)) {
                join(c.group(), name, member.instance());
            }
        }
        tell(member);
    }

    /** Instance {@code name} stops running as {@code instance}; a later replacement is left alone. */
    void instanceDown(String name, VrrpInstance instance) {
        Member current = instances.get(name);
        if (current != null && current.instance() == instance) {
            instances.remove(name);
        }
        leave(instance);
    }

    /**
     * Group {@code group} lists {@code names} (new, or changed by a reload): instances no longer
     * listed leave it, listed ones that run join it.
     *
     * @param trackingWeight keepalived's {@code sync_group_tracking_weight}: members keep their
     *                       tracker weights
     * @return the listed names with no running instance, in order
     */
    List<String> groupConfigured(SyncGroup group, List<String> names, boolean trackingWeight) {
        Configured old = groups.put(group.name(), new Configured(group, List.copyOf(names), trackingWeight));
        if (old != null && old.group() != group) {
            old.group().dissolve();
        }
        for (String member : group.memberNames()) {
            if (!names.contains(member)) {
                Member m = instances.get(member);
                if (m != null) {
                    leave(m.instance());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        List<VrrpInstance> joining = new ArrayList<>();
        for (String name : names) {
            Member m = instances.get(name);
            if (m == null) {
                missing.add(name);
            } else if (mayJoin(group, name, m.instance())) {
                joining.add(m.instance());
            }
        }
        group.add(joining); // all at once: the group settles (and notifies) with every member present
        instances.values().forEach(this::tell);
        return missing;
    }

    /** The group's configuration is gone: its members carry on alone. */
    void groupRemoved(SyncGroup group) {
        Configured current = groups.get(group.name());
        if (current != null && current.group() == group) {
            groups.remove(group.name());
        }
        group.dissolve();
        instances.values().forEach(this::tell);
    }

    /** The router id of the group's first member that has one, for its notifications; else null. */
    String routerIdOf(SyncGroup group) {
        for (String name : group.memberNames()) {
            Member m = instances.get(name);
            if (m != null && m.routerId() != null && !m.routerId().isBlank()) {
                return m.routerId();
            }
        }
        return null;
    }

    /** The VIPs ({@code ADDR/LEN}, as configured) of every member of the group, members in order. */
    List<String> virtualAddressesOf(SyncGroup group) {
        List<String> out = new ArrayList<>();
        for (String name : group.memberNames()) {
            Member m = instances.get(name);
            if (m != null) {
                out.addAll(m.virtualAddresses());
            }
        }
        return out;
    }

    private void join(SyncGroup group, String name, VrrpInstance instance) {
        if (mayJoin(group, name, instance)) {
            group.add(instance);
        }
    }

    /** Whether {@code instance} is free to join {@code group}; false with a warning when another group has it. */
    private boolean mayJoin(SyncGroup group, String name, VrrpInstance instance) {
        SyncGroup current = groupOf(instance);
        if (current == group) {
            return false;
        }
        if (current != null) {
            warn.accept("Virtual router " + name + " cannot exist in more than one sync group; ignoring " + group.name());
            return false;
        }
        return true;
    }

    private void leave(VrrpInstance instance) {
        Configured current = configuredOf(instance);
        if (current != null) {
            current.group().remove(instance);
        }
        instances.values().stream().filter(m -> m.instance() == instance).forEach(this::tell);
    }

    private void tell(Member member) {
        Configured c = configuredOf(member.instance());
        member.weightsIgnored().accept(c != null && !c.trackingWeight());
    }

    private SyncGroup groupOf(VrrpInstance instance) {
        Configured c = configuredOf(instance);
        return c == null ? null : c.group();
    }

    private Configured configuredOf(VrrpInstance instance) {
        for (Configured c : groups.values()) {
            if (c.group().contains(instance)) {
                return c;
            }
        }
        return null;
    }
}
