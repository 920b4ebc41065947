package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.model.SyncGroupDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.parser.Builders.Config;
import dev.vigil.config.keepalived.parser.Builders.NotifyLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every notifier configuration of a file, in a stable order: the notify scripts of each instance
 * then of each sync group, the FIFOs, the SMTP alerts, the webhooks.
 */
final class NotifierResolver {

    private final ParseContext context;
    private final GlobalDefs globals;

    NotifierResolver(ParseContext context, GlobalDefs globals) {
        this.context = context;
        this.globals = globals;
    }

    /** Properties every notifier configuration has; {@code scope} null = every notification. */
    static Map<String, Object> common(String name, String[] scope, GlobalDefs globals) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vigil.notify.name", name);
        if (scope != null) {
            p.put("vigil.notify.scope", scope);
        }
        // absent: the notifier uses the host name, as keepalived does without router_id
        globals.routerId().ifPresent(r -> p.put("routerId", r));
        return p;
    }

    List<NotifierDef> resolve(Config config, List<VrrpInstanceDef> instances, List<SyncGroupDef> groups) {
        List<NotifierDef> notifiers = new ArrayList<>();
        NotifyScriptResolver scripts = new NotifyScriptResolver(context, globals);
        Map<String, Map<String, NotifyLine>> instanceLines = new HashMap<>();
        config.instances.forEach(i -> instanceLines.putIfAbsent(i.name.value(), i.notifyScripts));
        for (VrrpInstanceDef instance : instances) {
            scripts.resolve("instance", instance.name(), "vrrp_instance " + instance.name(),
                    instanceLines.get(instance.name())).ifPresent(notifiers::add);
        }
        Map<String, Map<String, NotifyLine>> groupLines = new HashMap<>();
        config.syncGroups.forEach(g -> groupLines.putIfAbsent(g.name.value(), g.notifyScripts));
        for (SyncGroupDef group : groups) {
            scripts.resolve("group", group.name(), "vrrp_sync_group " + group.name(), groupLines.get(group.name()))
                    .ifPresent(notifiers::add);
        }
        notifiers.addAll(new FifoResolver(context, globals).resolve(config.global.fifoLines));
        new SmtpResolver(context, globals, config.global).resolve(instances, groups).ifPresent(notifiers::add);
        Set<String> instanceNames = new HashSet<>();
        config.instances.forEach(i -> instanceNames.add(i.name.value()));
        Set<String> groupNames = new HashSet<>();
        config.syncGroups.forEach(g -> groupNames.add(g.name.value()));
        notifiers.addAll(new WebhookResolver(context, globals).resolve(config.webhooks, instanceNames, groupNames));
        return notifiers;
    }

    /** The commands of the sync groups' notify scripts and of the FIFO scripts, for the script checks. */
    static List<Located<String>> otherCommands(Config config) {
        List<Located<String>> commands = new ArrayList<>();
        config.syncGroups.forEach(g -> g.notifyScripts.values().forEach(l -> commands.add(command(l))));
        config.global.fifoLines.values().stream().filter(l -> l.keyword().endsWith("_script"))
                .forEach(l -> commands.add(command(l)));
        return commands;
    }

    static Located<String> command(NotifyLine line) {
        return new Located<>(line.value(), line.location());
    }
}
