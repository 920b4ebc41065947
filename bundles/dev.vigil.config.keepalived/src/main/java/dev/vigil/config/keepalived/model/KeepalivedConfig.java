package dev.vigil.config.keepalived.model;

import java.util.List;
import java.util.Optional;

/** A whole keepalived.conf as Vigil understands it. */
public record KeepalivedConfig(String file, GlobalDefs globalDefs, List<VrrpScriptDef> scripts,
                               List<VrrpInstanceDef> instances) {

    public KeepalivedConfig {
        scripts = List.copyOf(scripts);
        instances = List.copyOf(instances);
    }

    public Optional<VrrpInstanceDef> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<VrrpScriptDef> script(String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
