package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * {@code vrrp_sync_group NAME { group { VI_1 VI_2 } ... }}: kept in the model for the sync-group
 * support to come; it has no effect yet (warned about).
 *
 * @param settings the other keywords as written (notify scripts, smtp_alert, global_tracking...)
 */
public record SyncGroupDef(String name, List<String> members, Map<String, String> settings,
                           SourceLocation location) {

    public SyncGroupDef {
        members = List.copyOf(members);
        settings = Map.copyOf(settings);
    }
}
