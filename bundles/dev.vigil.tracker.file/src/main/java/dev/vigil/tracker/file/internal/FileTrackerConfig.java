package dev.vigil.tracker.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A {@code track_file NAME { ... }} (or {@code vrrp_track_file}) block, as
 * dev.vigil.config.keepalived writes it under the factory PID {@code vigil.tracker.file}
 * (configuration name = tracker name).
 */
@ObjectClassDefinition(pid = FileTrackerComponent.FACTORY_PID, name = "Vigil file tracker",
        description = "track_file: an integer read from a file, multiplied by the weight")
@interface FileTrackerConfig {

    @AttributeDefinition(name = "vigil.tracker.name", description = "The name instances track it by (track_file)")
    String vigil_tracker_name();

    @AttributeDefinition(description = "The file to read")
    String file();

    @AttributeDefinition(required = false, description = "init_file: VALUE [overwrite], written at start when the file "
            + "is missing (or always, with overwrite); absent: the file is left alone")
    String initFile();

    @AttributeDefinition(description = "Milliseconds between re-reads besides the change notifications (a safety net, "
            + "and the only way while the directory is missing)")
    int intervalMillis() default 5000;

    @AttributeDefinition(min = "-254", max = "254", description = "Read by the VRRP instances, not here (default 1)")
    int weight() default 1;

    @AttributeDefinition(description = "Read by the VRRP instances, not here")
    boolean reverse() default false;

    @AttributeDefinition(name = "vigil.config.origin", required = false, description = "FILE:LINE of the definition")
    String vigil_config_origin() default "";
}
