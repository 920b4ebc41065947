package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.parser.Builders.Instance;
import dev.vigil.config.keepalived.parser.Builders.SyncGroup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sync group's own {@code track_script}, {@code track_process}, {@code track_file} and
 * {@code track_interface} lists: keepalived tracks each of them on every member, so they are
 * copied into the members' lists before the instances are resolved, and then checked and mapped
 * exactly like lines written in the instance. A weight is cleared when a member is an address
 * owner (its priority cannot move). Membership errors are reported later with the group itself;
 * a member claimed by an earlier group, or not defined, gets nothing here.
 */
final class SyncGroupTracking {

    private SyncGroupTracking() {
    }

    static void distribute(List<SyncGroup> groups, List<Instance> instances, ParseContext context) {
        Map<String, Instance> byName = new HashMap<>();
        instances.forEach(i -> byName.putIfAbsent(i.name.value(), i));
        Set<String> groupNames = new HashSet<>();
        Set<String> claimed = new HashSet<>();
        for (SyncGroup group : groups) {
            if (!groupNames.add(group.name.value()) || !group.groupSeen) {
                continue;
            }
            List<Instance> members = group.members.stream().map(Located::value).filter(claimed::add)
                    .map(byName::get).filter(java.util.Objects::nonNull).toList();
            if (group.tracked.isEmpty() && group.trackInterfaces.isEmpty()) {
                continue;
            }
            boolean hasOwner = members.stream().anyMatch(SyncGroupTracking::isOwner);
            String prefix = "vrrp_sync_group " + group.name.value() + ": ";
            List<TrackRef> tracked = group.tracked.stream().map(r -> ownerSafe(r, hasOwner, prefix, context)).toList();
            List<TrackRef> interfaces = group.trackInterfaces.stream()
                    .map(r -> ownerSafe(r, hasOwner, prefix, context)).toList();
            for (Instance member : members) {
                for (TrackRef ref : tracked) {
                    member.tracked.add(ref);
                    if (ref.list().equals("track_script")) {
                        member.trackScripts.add(new TrackScriptRef(ref.name(), ref.weight(), ref.reverse(),
                                ref.location()));
                    }
                }
                member.trackInterfaces.addAll(interfaces);
            }
        }
    }

    /** As the instance resolver decides it: priority 255, or state MASTER without a priority. */
    private static boolean isOwner(Instance instance) {
        if (instance.priority != null) {
            return instance.priority.value() == VrrpInstanceDef.OWNER_PRIORITY;
        }
        return instance.state != null && instance.state.value().equals("MASTER");
    }

    private static TrackRef ownerSafe(TrackRef ref, boolean hasOwner, String prefix, ParseContext context) {
        if (!hasOwner || ref.weight().orElse(0) == 0) {
            return ref;
        }
        context.warning(ref.location(), prefix + "cannot have weighted " + ref.list().substring("track_".length())
                + " '" + ref.name() + "' with a member having priority " + VrrpInstanceDef.OWNER_PRIORITY
                + "; weight cleared");
        return new TrackRef(ref.list(), ref.name(), Optional.of(0), false, ref.location());
    }
}
