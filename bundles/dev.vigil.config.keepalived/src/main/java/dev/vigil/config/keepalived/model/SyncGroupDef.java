package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vrrp_sync_group NAME { group { VI_1 VI_2 } ... }}: its members fail over together.
 *
 * @param members the member instances, each a defined vrrp_instance in no other group
 * @param notifyScripts {@code notify_master} and friends by keyword: the command as written
 * @param smtpAlert the group's own {@code smtp_alert}; empty = global_defs decides
 * @param settings the keywords Vigil does not implement yet, as written (global_tracking...)
 */
public record SyncGroupDef(String name, List<String> members, Map<String, String> settings,
                           SourceLocation location, Map<String, String> notifyScripts, Optional<Boolean> smtpAlert) {

    public SyncGroupDef {
        members = List.copyOf(members);
        settings = Map.copyOf(settings);
        notifyScripts = Map.copyOf(notifyScripts);
    }
}
