package dev.vigil.vrrp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One vrrp_sync_group, as the keepalived.conf adapter writes it into ConfigAdmin under the
 * factory PID {@code vigil.syncgroup} (configuration name = group name).
 */
@ObjectClassDefinition(pid = SyncGroupComponent.FACTORY_PID, name = "Vigil VRRP sync group",
        description = "One vrrp_sync_group: instances that change state together")
@interface SyncGroupConfig {

    @AttributeDefinition(description = "Group name, as in vrrp_sync_group NAME")
    String name();

    @AttributeDefinition(description = "Names of the member instances (vrrp_instance NAME), as in the group block")
    String[] instances() default {};

    @AttributeDefinition(required = false, description = "keepalived's sync_group_tracking_weight (or the deprecated "
            + "global_tracking): members keep their tracker weights; without it weights are ignored")
    boolean syncGroupTrackingWeight() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin();
}
