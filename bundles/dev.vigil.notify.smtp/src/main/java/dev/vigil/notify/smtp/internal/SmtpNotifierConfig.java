package dev.vigil.notify.smtp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * keepalived's global_defs SMTP settings, as dev.vigil.config.keepalived writes them under the
 * factory PID {@code vigil.notify.smtp} (configuration name {@code default}).
 */
@ObjectClassDefinition(pid = SmtpNotifierComponent.FACTORY_PID, name = "Vigil SMTP alerts",
        description = "smtp_alert: one mail per state change of the instances and sync groups in scope")
@interface SmtpNotifierConfig {

    @AttributeDefinition(description = "smtp_server: host name or address of the relay")
    String server();

    @AttributeDefinition(min = "1", max = "65535", description = "smtp_server's port")
    int port() default 25;

    @AttributeDefinition(min = "1", description = "smtp_connect_timeout in ms: bounds the connect and each "
            + "read and write of the SMTP exchange")
    int connectTimeoutMillis() default 30000;

    @AttributeDefinition(required = false, description = "smtp_helo_name; empty = this host's name")
    String heloName() default "";

    @AttributeDefinition(required = false, description = "notification_email_from; empty = USER@HOSTNAME")
    String from() default "";

    @AttributeDefinition(description = "notification_email: the recipients")
    String[] to();

    @AttributeDefinition(required = false, description = "global_defs router_id, the subject's [prefix]; "
            + "empty = the router id of the notification, else this host's name")
    String routerId() default "";

    @AttributeDefinition(description = "no_email_faults: no alert for FAULT, nor for coming back to the state "
            + "last mailed")
    boolean noEmailFaults() default false;

    @AttributeDefinition(name = "vigil.notify.name", description = "Name of the notifier's queue")
    String vigil_notify_name() default "smtp";

    @AttributeDefinition(name = "vigil.notify.scope", required = false,
            description = "instance:NAME / group:NAME keys whose alerts are on (smtp_alert); absent = all")
    String[] vigil_notify_scope();

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the settings")
    String vigil_config_origin() default "";
}
