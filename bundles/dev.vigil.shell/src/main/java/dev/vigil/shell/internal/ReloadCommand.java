package dev.vigil.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.config.keepalived.ConfigReloader;

/** {@code vrrp:reload}: what SIGHUP does, with an answer. */
@Component(service = ReloadCommand.class, immediate = true, property = {
        "osgi.command.scope=vrrp", "osgi.command.function=reload"})
public class ReloadCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigReloader reloader;

    @Descriptor("re-read keepalived.conf and apply it if it is valid (as SIGHUP)")
    public String reload() {
        ConfigReloader r = reloader;
        if (r == null) {
            throw new IllegalStateException("no configuration reloader: the keepalived.conf adapter is not running");
        }
        if (!r.reload()) {
            throw new IllegalStateException(r.configFile() + " has errors: nothing changed (the log has each with FILE:LINE)");
        }
        return "reloaded " + r.configFile();
    }
}
