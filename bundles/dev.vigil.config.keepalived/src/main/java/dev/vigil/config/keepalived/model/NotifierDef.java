package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notifier as its bundle will be configured: the notify scripts of an instance or sync group,
 * a notify FIFO, the SMTP alerts or a {@code vigil_webhook} (docs/CONTRACTS.md, "ConfigAdmin
 * properties of notifiers").
 *
 * @param kind {@code script}, {@code fifo}, {@code smtp} or {@code webhook}; the factory PID is
 *             {@code vigil.notify.<kind>}
 * @param name the configuration name: {@code instance.VI_1}, {@code group.G1}, {@code notify_fifo},
 *             {@code vrrp_notify_fifo}, {@code default} (SMTP) or the webhook's name
 * @param properties the contract properties, every default applied (without {@code vigil.config.origin},
 *                   which the mapper adds)
 * @param location the line the configuration comes from
 */
public record NotifierDef(String kind, String name, Map<String, Object> properties, SourceLocation location) {

    public static final String FACTORY_PID_PREFIX = "vigil.notify.";

    public NotifierDef {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String factoryPid() {
        return FACTORY_PID_PREFIX + kind;
    }
}
