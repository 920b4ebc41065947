package dev.vigil.tracker.tcp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@code vrrp_track_tcp NAME { ... }} block, as dev.vigil.config.keepalived writes it under the
 * factory PID {@code vigil.tracker.tcp} (configuration name = tracker name).
 */
@ObjectClassDefinition(pid = TcpTrackerComponent.FACTORY_PID, name = "Vigil TCP tracker",
        description = "vrrp_track_tcp: connect to an address and port every interval; up when the connect succeeds")
@interface TcpTrackerConfig {

    @AttributeDefinition(name = "vigil.tracker.name", description = "The name instances track it by")
    String vigil_tracker_name();

    @AttributeDefinition(description = "IPv4 or IPv6 address literal to connect to")
    String connectIp();

    @AttributeDefinition(min = "1", max = "65535")
    int connectPort();

    @AttributeDefinition(description = "Connect timeout in ms; 0 = timeoutMillis, else 5000")
    int connectTimeoutMillis() default 0;

    @AttributeDefinition(description = "Check interval in ms")
    int intervalMillis() default 1000;

    @AttributeDefinition(description = "keepalived timeout in ms: default of the connect timeout")
    int timeoutMillis() default 0;

    int rise() default 1;

    int fall() default 1;

    @AttributeDefinition(min = "-253", max = "253", description = "Read by the VRRP instances, not here")
    int weight() default 0;

    @AttributeDefinition(description = "Read by the VRRP instances, not here")
    boolean reverse() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
