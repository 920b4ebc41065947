package dev.vigil.tracker.process.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@code vrrp_track_process NAME { ... }} block, as dev.vigil.config.keepalived writes it under
 * the factory PID {@code vigil.tracker.process} (configuration name = tracker name).
 */
@ObjectClassDefinition(pid = ProcessTrackerComponent.FACTORY_PID, name = "Vigil process tracker",
        description = "vrrp_track_process: up while the number of matching processes is within the quorum")
@interface ProcessTrackerConfig {

    @AttributeDefinition(name = "vigil.tracker.name", description = "The name instances track it by (track_process)")
    String vigil_tracker_name();

    @AttributeDefinition(description = "Process name: /proc/PID/comm (15 characters at most), or argv[0] exactly "
            + "when parameters, paramMatch or fullCommand are given")
    String processName();

    @AttributeDefinition(required = false, description = "Parameters to match (a String: words at blanks; a String[]: "
            + "one per element; absent: any parameters)")
    String[] parameters();

    @AttributeDefinition(required = false, options = {}, description = "exact, partial (the first parameters match) "
            + "or initial (the last configured parameter may be a prefix)")
    String paramMatch() default "exact";

    @AttributeDefinition(required = false, description = "full_command: match argv[0] instead of the process name")
    boolean fullCommand() default false;

    @AttributeDefinition(description = "Minimum number of matching processes for success")
    int quorum() default 1;

    @AttributeDefinition(required = false, description = "Maximum number of matching processes for success; "
            + "-1: no maximum; 0: up only while none runs")
    int quorumMax() default -1;

    @AttributeDefinition(description = "delay: milliseconds a change must last before it counts (both ways)")
    int delayMillis() default 0;

    @AttributeDefinition(required = false, description = "fork_delay in ms (quorum gained); -1: delayMillis")
    int forkDelayMillis() default -1;

    @AttributeDefinition(required = false, description = "terminate_delay in ms (quorum lost); -1: delayMillis")
    int terminateDelayMillis() default -1;

    @AttributeDefinition(description = "How often /proc is read, in ms")
    int intervalMillis() default 1000;

    @AttributeDefinition(min = "-254", max = "254", description = "Read by the VRRP instances, not here")
    int weight() default 0;

    @AttributeDefinition(description = "Read by the VRRP instances, not here")
    boolean reverse() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
