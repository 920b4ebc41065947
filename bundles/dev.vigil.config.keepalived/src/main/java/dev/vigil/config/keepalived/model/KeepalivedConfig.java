package dev.vigil.config.keepalived.model;

import java.util.List;
import java.util.Optional;

/**
 * A whole keepalived.conf as Vigil understands it.
 *
 * @param scripts the {@code vrrp_script} blocks (also among {@code trackers} as kind {@code script})
 * @param trackers every health check, of every kind, in file order
 * @param statics {@code static_ipaddress}, {@code static_routes} and {@code static_rules} lines, normalised
 * @param notifiers every notifier configuration: notify scripts, FIFOs, SMTP alerts, webhooks
 */
public record KeepalivedConfig(String file, GlobalDefs globalDefs, List<VrrpScriptDef> scripts,
                               List<TrackerDef> trackers, List<VrrpInstanceDef> instances,
                               List<SyncGroupDef> syncGroups, List<StaticDef> statics,
                               List<NotifierDef> notifiers) {

    public KeepalivedConfig {
        scripts = List.copyOf(scripts);
        trackers = List.copyOf(trackers);
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        statics = List.copyOf(statics);
        notifiers = List.copyOf(notifiers);
    }

    /** An empty configuration (a file that could not be read). */
    public static KeepalivedConfig empty(String file) {
        return new KeepalivedConfig(file, GlobalDefs.defaults(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public Optional<VrrpInstanceDef> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<VrrpScriptDef> script(String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<TrackerDef> tracker(String name) {
        return trackers.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
