package dev.vigil.tracker.script.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@code vrrp_script NAME { ... }} block, as dev.vigil.config.keepalived writes it under the
 * factory PID {@code vigil.tracker.script} (configuration name = script name).
 */
@ObjectClassDefinition(pid = ScriptTrackerComponent.FACTORY_PID, name = "Vigil script tracker",
        description = "vrrp_script: run a command every interval; exit status 0 is success")
@interface ScriptTrackerConfig {

    @AttributeDefinition(name = "vigil.tracker.name", description = "The name instances track it by (track_script)")
    String vigil_tracker_name();

    @AttributeDefinition(required = false, description = "The command as written; used only when scriptArgv is empty")
    String script() default "";

    @AttributeDefinition(required = false, description = "The command, one word per element (quoting resolved)")
    String[] scriptArgv() default {};

    @AttributeDefinition(description = "Milliseconds between runs (keepalived interval, default 1 s)")
    int intervalMillis() default 1000;

    @AttributeDefinition(description = "Milliseconds after which a run is killed and counts as failed; 0 = interval")
    int timeoutMillis() default 0;

    @AttributeDefinition(description = "Consecutive successes to go up")
    int rise() default 1;

    @AttributeDefinition(description = "Consecutive failures to go down")
    int fall() default 1;

    @AttributeDefinition(min = "-253", max = "253", description = "Read by the VRRP instances, not here")
    int weight() default 0;

    @AttributeDefinition(description = "Read by the VRRP instances, not here")
    boolean reverse() default false;

    @AttributeDefinition(required = false, description = "User to run as (user / global script_user); "
            + "empty: keepalived_script if it exists, else the daemon's own user")
    String user() default "";

    @AttributeDefinition(required = false, description = "Group to run as; empty: the user's primary group")
    String group() default "";

    @AttributeDefinition(description = "init_fail: the script starts as failed (needs rise successes)")
    boolean initFail() default false;

    @AttributeDefinition(description = "global_defs enable_script_security: refuse scripts run as root "
            + "whose path is writable by a non-root user")
    boolean enableScriptSecurity() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
