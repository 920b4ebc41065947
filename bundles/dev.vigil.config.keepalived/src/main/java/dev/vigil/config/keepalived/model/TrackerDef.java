package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One health check as its tracker bundle will be configured: {@code vrrp_script},
 * {@code vrrp_track_process}, {@code track_file}/{@code vrrp_track_file}, {@code vrrp_track_http},
 * {@code vrrp_track_tcp} or {@code vrrp_track_plugin}.
 *
 * @param kind {@code script}, {@code process}, {@code file}, {@code http}, {@code tcp} or a plugin's kind;
 *             the factory PID is {@code vigil.tracker.<kind>}
 * @param name the name instances refer to
 * @param properties the ConfigAdmin properties of docs/CONTRACTS.md, every default applied (without
 *                   {@code vigil.config.origin}, which the mapper adds)
 * @param block the block keyword it was defined with
 */
public record TrackerDef(String kind, String name, Map<String, Object> properties, String block,
                         SourceLocation location) {

    public TrackerDef {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String factoryPid() {
        return "vigil.tracker." + kind;
    }
}
