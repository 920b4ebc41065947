package dev.vigil.tracker.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@code vrrp_track_http NAME { ... }} block, as dev.vigil.config.keepalived writes it under
 * the factory PID {@code vigil.tracker.http} (configuration name = tracker name).
 */
@ObjectClassDefinition(pid = HttpTrackerComponent.FACTORY_PID, name = "Vigil HTTP tracker",
        description = "vrrp_track_http: GET a URL every interval; up when the status code (and body digest) match")
@interface HttpTrackerConfig {

    @AttributeDefinition(name = "vigil.tracker.name", description = "The name instances track it by")
    String vigil_tracker_name();

    @AttributeDefinition(description = "http:// or https:// URL to GET")
    String url();

    @AttributeDefinition(description = "Status codes that count as healthy")
    int[] statusCodes() default {200};

    @AttributeDefinition(required = false, description = "MD5 of the body, 32 hex digits (keepalived HTTP_GET digest)")
    String digest() default "";

    @AttributeDefinition(description = "Connect timeout in ms; 0 = timeoutMillis, else 5000")
    int connectTimeoutMillis() default 0;

    @AttributeDefinition(description = "Time from request to response in ms; 0 = timeoutMillis, else 5000")
    int readTimeoutMillis() default 0;

    @AttributeDefinition(description = "Verify the server certificate and host name (tls_verify off disables)")
    boolean tlsVerify() default true;

    @AttributeDefinition(description = "Check interval in ms")
    int intervalMillis() default 1000;

    @AttributeDefinition(description = "keepalived timeout in ms: default of both connect and read timeouts")
    int timeoutMillis() default 0;

    @AttributeDefinition(description = "Consecutive successes to go up")
    int rise() default 1;

    @AttributeDefinition(description = "Consecutive failures to go down")
    int fall() default 1;

    @AttributeDefinition(min = "-253", max = "253", description = "Read by the VRRP instances, not here")
    int weight() default 0;

    @AttributeDefinition(description = "Read by the VRRP instances, not here")
    boolean reverse() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
