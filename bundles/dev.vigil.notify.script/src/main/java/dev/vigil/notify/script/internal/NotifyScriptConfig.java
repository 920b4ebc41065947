package dev.vigil.notify.script.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The notify scripts of one vrrp_instance or vrrp_sync_group, as dev.vigil.config.keepalived
 * writes them under the factory PID {@code vigil.notify.script} (configuration name
 * {@code instance.VI_1} / {@code group.G1}). Each command is given as written and, keepalived's
 * quoting resolved, as argv; the argv wins when both are there.
 */
@ObjectClassDefinition(pid = ScriptNotifier.FACTORY_PID, name = "Vigil notify scripts",
        description = "notify_master, notify_backup, notify_fault, notify_stop, notify_deleted, notify and "
                + "notify_master_rx_lower_pri")
@interface NotifyScriptConfig {

    @AttributeDefinition(name = "vigil.notify.name", description = "script:instance:VI_1 or script:group:G1")
    String vigil_notify_name();

    @AttributeDefinition(name = "vigil.notify.scope", required = false, description = "instance:VI_1 or group:G1")
    String[] vigil_notify_scope() default {};

    @AttributeDefinition(name = "vigil.notify.events", required = false, description = "STATE, plus "
            + "MASTER_RX_LOWER_PRI when notifyMasterRxLowerPri is set; absent: STATE only")
    String[] vigil_notify_events() default {};

    @AttributeDefinition(required = false, description = "notify_master as written")
    String notifyMaster() default "";

    @AttributeDefinition(required = false, description = "notify_master, one word per element")
    String[] notifyMasterArgv() default {};

    @AttributeDefinition(required = false, description = "notify_backup as written")
    String notifyBackup() default "";

    @AttributeDefinition(required = false, description = "notify_backup, one word per element")
    String[] notifyBackupArgv() default {};

    @AttributeDefinition(required = false, description = "notify_fault as written")
    String notifyFault() default "";

    @AttributeDefinition(required = false, description = "notify_fault, one word per element")
    String[] notifyFaultArgv() default {};

    @AttributeDefinition(required = false, description = "notify_stop as written")
    String notifyStop() default "";

    @AttributeDefinition(required = false, description = "notify_stop, one word per element")
    String[] notifyStopArgv() default {};

    /**
     * No default, so that DS gives null when the property is absent: present, even empty (a bare
     * {@code notify_deleted}), means notify_deleted is configured.
     */
    @AttributeDefinition(required = false, description = "notify_deleted as written; present (even empty) = "
            + "notify_deleted configured: DELETED is reported instead of keepalived's default FAULT")
    String notifyDeleted();

    @AttributeDefinition(required = false, description = "notify_deleted, one word per element")
    String[] notifyDeletedArgv() default {};

    /** Property {@code notify}: DS drops the '$', which keeps the method off Object's final notify(). */
    @AttributeDefinition(required = false, description = "notify as written; run with keepalived's four "
            + "arguments appended: INSTANCE|GROUP, name, state, priority")
    String notify$() default "";

    @AttributeDefinition(required = false, description = "notify, one word per element")
    String[] notifyArgv() default {};

    @AttributeDefinition(required = false, description = "notify_master_rx_lower_pri as written: run, with no "
            + "argument appended, each time the instance as MASTER hears an advert of lower priority")
    String notifyMasterRxLowerPri() default "";

    @AttributeDefinition(required = false, description = "notify_master_rx_lower_pri, one word per element")
    String[] notifyMasterRxLowerPriArgv() default {};

    @AttributeDefinition(required = false, description = "User to run as (script_user); empty: "
            + "keepalived_script if it exists, else the daemon's own user")
    String user() default "";

    @AttributeDefinition(required = false, description = "Group to run as; empty: the user's primary group")
    String group() default "";

    @AttributeDefinition(description = "global_defs enable_script_security: refuse scripts run as root "
            + "whose path is writable by a non-root user")
    boolean enableScriptSecurity() default false;

    @AttributeDefinition(description = "Milliseconds a script may run before its session is ended "
            + "(a STOP's scripts get at most 1 s, as keepalived gives them)")
    int timeoutMillis() default 30000;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
