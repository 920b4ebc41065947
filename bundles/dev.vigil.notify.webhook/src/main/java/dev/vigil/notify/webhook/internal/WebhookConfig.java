package dev.vigil.notify.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@code vigil_webhook NAME { ... }} block, as dev.vigil.config.keepalived writes it under the
 * factory PID {@code vigil.notify.webhook} (see docs/CONTRACTS.md).
 */
@ObjectClassDefinition(pid = WebhookNotifier.FACTORY_PID, name = "Vigil webhook notifier",
        description = "vigil_webhook: POST every state change as one JSON event, optionally HMAC-signed")
@interface WebhookConfig {

    @AttributeDefinition(name = "vigil.notify.name", description = "Stable notifier name, webhook:NAME")
    String vigil_notify_name();

    @AttributeDefinition(name = "vigil.notify.scope", required = false,
            description = "Notification keys (instance:VI_1, group:G1) or *; absent = all. Read by the dispatcher")
    String[] vigil_notify_scope();

    @AttributeDefinition(description = "http:// or https:// URL to POST to")
    String url();

    /** {@code .secret}: a private property (leading dot), so DS never copies it onto the service. */
    @AttributeDefinition(name = ".secret", type = AttributeType.PASSWORD, required = false,
            description = "HMAC-SHA256 key; when set, requests carry X-Vigil-Signature: sha256=<hex>")
    String _secret() default "";

    @AttributeDefinition(min = "1", description = "Bound of one attempt (connect, and request to response), ms")
    int timeoutMillis() default 5000;

    @AttributeDefinition(min = "0", description = "How long failed attempts are retried, ms; 0 = one attempt")
    int retryForMillis() default 60000;

    @AttributeDefinition(required = false, description = "global_defs router_id, for events that carry none")
    String routerId() default "";

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
