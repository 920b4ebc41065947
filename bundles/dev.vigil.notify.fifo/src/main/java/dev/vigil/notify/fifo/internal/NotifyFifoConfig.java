package dev.vigil.notify.fifo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A global_defs {@code notify_fifo} or {@code vrrp_notify_fifo}, as dev.vigil.config.keepalived
 * writes it under the factory PID {@code vigil.notify.fifo} (configuration names
 * {@code notify_fifo} and {@code vrrp_notify_fifo}).
 */
@ObjectClassDefinition(pid = FifoNotifier.FACTORY_PID, name = "Vigil notify FIFO",
        description = "notify_fifo / vrrp_notify_fifo: one line per state change or instance event into a named pipe")
@interface NotifyFifoConfig {

    @AttributeDefinition(name = "vigil.notify.name", description = "fifo:notify_fifo or fifo:vrrp_notify_fifo")
    String vigil_notify_name();

    @AttributeDefinition(description = "Path of the FIFO; created (mode 0644) if absent")
    String path();

    @AttributeDefinition(required = false, description = "notify_fifo_script as written; run with the "
            + "FIFO's path appended, for as long as the notifier lives")
    String script() default "";

    @AttributeDefinition(required = false, description = "notify_fifo_script, one word per element")
    String[] scriptArgv() default {};

    @AttributeDefinition(required = false, description = "User owning the FIFO and running the script; "
            + "empty: keepalived_script for the script if it exists, else the daemon's own user")
    String user() default "";

    @AttributeDefinition(required = false, description = "Group; empty: the user's primary group")
    String group() default "";

    @AttributeDefinition(description = "global_defs enable_script_security: refuse a script run as root "
            + "whose path is writable by a non-root user")
    boolean enableScriptSecurity() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
