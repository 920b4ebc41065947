package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.parser.Builders.Config;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.util.HashMap;
import java.util.Map;

/**
 * keepalived's {@code notify_priority_changes} for each instance: its own, else its sync group's,
 * else global_defs' {@code vrrp_notify_priority_changes}, else off. Resolved here, as keepalived
 * resolves it once the file is read, so the instance's configuration says it all.
 */
final class PriorityChangeNotifies {

    private final boolean global;
    /** The switch of the group an instance is listed in first, for groups that set it. */
    private final Map<String, Boolean> byGroupMember = new HashMap<>();

    private PriorityChangeNotifies(boolean global) {
        this.global = global;
    }

    static PriorityChangeNotifies of(Config config) {
        Located<Boolean> global = config.global.notifyPriorityChanges;
        PriorityChangeNotifies resolved = new PriorityChangeNotifies(global != null && global.value());
        for (Builders.SyncGroup group : config.syncGroups) {
            if (group.notifyPriorityChanges == null) {
                continue;
            }
            // an instance listed by two groups is an error reported with the groups; the first one counts
            group.members.forEach(m -> resolved.byGroupMember.putIfAbsent(m.value(), group.notifyPriorityChanges.value()));
        }
        return resolved;
    }

    boolean forInstance(Instance instance) {
        if (instance.notifyPriorityChanges != null) {
            return instance.notifyPriorityChanges.value();
        }
        return byGroupMember.getOrDefault(instance.name.value(), global);
    }
}
