package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.AuthDef;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.IpvlanDef;
import dev.vigil.config.keepalived.model.InitialState;
import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.model.KernelSettings;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.model.ProtocolOptions;
import dev.vigil.config.keepalived.model.StaticDef;
import dev.vigil.config.keepalived.model.SyncGroupDef;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.model.TrackerDef;
import dev.vigil.config.keepalived.model.VipDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.model.VrrpScriptDef;
import dev.vigil.config.keepalived.parser.Builders.Config;
import dev.vigil.config.keepalived.parser.Builders.Global;
import dev.vigil.config.keepalived.parser.Builders.Instance;
import dev.vigil.config.keepalived.parser.Builders.Script;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies keepalived's defaults and checks to what was read, the way keepalived completes its
 * instances once the whole file is known, and builds the immutable model. Where keepalived logs
 * a config error and carries on with a guess, Vigil reports an error (the file is then not
 * applied) unless the intent is plain, such as a VRRPv2 interval to round: that is a warning.
 */
final class ConfigResolver {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int V3_MAX_ADVERT_CENTIS = 4095;

    private final ParseContext context;
    /** Commands of the notify scripts (instances, groups) and FIFO scripts, with their lines, for the script checks. */
    private final List<Located<String>> notifyCommands = new ArrayList<>();

    private final ScriptSearchPath searchPath;
    /** garp_group intervals by interface ({garp, gna} µs), set before the instances are resolved. */
    private Map<String, int[]> garpGroups = Map.of();
    /** global_defs' vrrp_garp_extra_if: the default of every instance. */
    private GarpExtraIf garpExtraDefault = GarpExtraIf.OFF;
    /** VMAC and ipvlan names by the instance that took them, in file order (keepalived's check). */
    private final Map<String, String> virtualInterfaceUsers = new HashMap<>();
    /** global_defs' v3_checksum_as_v2: the default of every instance. */
    private boolean v3ChecksumAsV2Default;
    /** global_defs' default_interface: VIPs without dev of instances without interface go there. */
    private String defaultInterface = RoutedInstances.DEFAULT_INTERFACE;
    /** notify_priority_changes as each instance inherits it, set before the instances are resolved. */
    private PriorityChangeNotifies priorityChangeNotifies;

    ConfigResolver(ParseContext context, ScriptSearchPath searchPath) {
        this.context = context;
        this.searchPath = searchPath;
    }

    KeepalivedConfig resolve(String file, Config config) {
        GlobalDefs globals = globals(config.global);
        checkDuplicateTrackers(config);
        List<VrrpScriptDef> scripts = scripts(config.scripts, globals);
        List<TrackerDef> trackers = new ArrayList<>();
        for (VrrpScriptDef script : scripts) {
            trackers.add(TrackerResolver.scriptTracker(script, globals));
        }
        TrackerResolver trackerResolver = new TrackerResolver(context);
        for (Builders.Tracker t : config.trackers) {
            trackerResolver.resolve(t).ifPresent(trackers::add);
        }
        trackers.sort(java.util.Comparator.comparing((TrackerDef t) -> t.location().file().equals(file) ? 0 : 1)
                .thenComparing(t -> t.location().file()).thenComparingInt(t -> t.location().line()));
        Map<String, TrackerDef> trackersByName = new HashMap<>();
        trackers.forEach(t -> trackersByName.putIfAbsent(t.name(), t));
        Set<String> scriptNames = new HashSet<>();
        scripts.forEach(s -> scriptNames.add(s.name()));
        v3ChecksumAsV2Default = config.global.v3ChecksumAsV2 != null && config.global.v3ChecksumAsV2.value();
        defaultInterface = RoutedInstances.defaultInterface(config.global);
        garpExtraDefault = config.global.garpExtraIf == null ? GarpExtraIf.OFF
                : GarpExtraIf.parse(config.global.garpExtraIf, "vrrp_garp_extra_if", "", context).orElse(GarpExtraIf.OFF);
        garpGroups = new ProtocolResolver(context).garpGroups(config.garpGroups, globals.protocolDefaults());
        TrackGroups.apply(config, context); // before the instances: members gain track_interface entries
        VmacNames.apply(config, context);
        SyncGroupTracking.distribute(config.syncGroups, config.instances, context);
        priorityChangeNotifies = PriorityChangeNotifies.of(config);
        List<VrrpInstanceDef> instances = new ArrayList<>();
        Map<String, SourceLocation> instanceNames = new HashMap<>();
        for (Instance builder : config.instances) {
            SourceLocation first = instanceNames.putIfAbsent(builder.name.value(), builder.name.location());
            if (first != null) {
                context.error(builder.name.location(), "duplicate vrrp_instance '" + builder.name.value()
                        + "' (first defined at line " + first.line() + ")");
                continue;
            }
            instance(builder, globals, trackersByName).ifPresent(instances::add);
        }
        checkVrids(instances);
        warnUnusedTrackers(trackers, config.instances);
        List<SyncGroupDef> syncGroups = syncGroups(config.syncGroups, config.instances);
        syncGroups.forEach(g -> checkOwnersAgree(g, instances));
        List<NotifierDef> notifiers = new NotifierResolver(context, globals).resolve(config, instances, syncGroups);
        notifyCommands.addAll(NotifierResolver.otherCommands(config));
        if (config.instances.isEmpty()) {
            // Applying such a file removes every running instance: worth a word when it is a truncated file.
            context.warning(SourceLocation.ofFile(file), "no vrrp_instance is defined");
        }
        checkScriptSecurity(globals, scripts, instances);
        return new KeepalivedConfig(file, globals, scripts, trackers, instances, syncGroups, config.statics,
                notifiers);
    }

    /** Names are shared by every kind of tracker: track_script may name any of them. */
    private void checkDuplicateTrackers(Config config) {
        Map<String, SourceLocation> seen = new HashMap<>();
        java.util.Set<Located<String>> duplicates = new java.util.HashSet<>();
        for (Located<String> name : config.trackerNames) {
            SourceLocation first = seen.putIfAbsent(name.value(), name.location());
            if (first != null) {
                context.error(name.location(), "duplicate tracker name '" + name.value() + "' (first defined at "
                        + (first.file().equals(name.location().file()) ? "line " + first.line() : first.toString())
                        + ")");
                duplicates.add(name);
            }
        }
        config.scripts.removeIf(s -> duplicates.contains(s.name));
        config.trackers.removeIf(t -> duplicates.contains(t.name));
    }

    private List<SyncGroupDef> syncGroups(List<Builders.SyncGroup> groups, List<Instance> instances) {
        Set<String> instanceNames = new HashSet<>();
        instances.forEach(i -> instanceNames.add(i.name.value()));
        Map<String, String> memberOf = new HashMap<>();
        Map<String, SourceLocation> names = new HashMap<>();
        List<SyncGroupDef> result = new ArrayList<>();
        for (Builders.SyncGroup g : groups) {
            String name = g.name.value();
            SourceLocation first = names.putIfAbsent(name, g.name.location());
            if (first != null) {
                context.error(g.name.location(), "duplicate vrrp_sync_group '" + name + "' (first defined at line "
                        + first.line() + ")");
                continue;
            }
            if (!g.groupSeen) {
                context.error(g.name.location(), "vrrp_sync_group '" + name + "' has no 'group { ... }'");
                continue;
            }
            List<String> members = new ArrayList<>();
            for (Located<String> member : g.members) {
                if (!instanceNames.contains(member.value())) {
                    context.error(member.location(), "vrrp_sync_group '" + name + "': virtual router '"
                            + member.value() + "' is not a defined vrrp_instance");
                    continue;
                }
                String other = memberOf.putIfAbsent(member.value(), name);
                if (other != null) {
                    context.error(member.location(), "vrrp_sync_group '" + name + "': vrrp_instance '"
                            + member.value() + "' is already in sync group '" + other + "'");
                    continue;
                }
                members.add(member.value());
            }
            if (g.members.size() == 1) {
                context.warning(g.name.location(), "vrrp_sync_group '" + name + "' has only 1 virtual router; "
                        + "this probably isn't what you want");
            }
            Map<String, String> notify = new LinkedHashMap<>();
            g.notifyScripts.forEach((keyword, line) -> notify.put(keyword, line.value()));
            result.add(new SyncGroupDef(name, members, g.settings, g.name.location(), notify, value(g.smtpAlert)));
        }
        return result;
    }

    /**
     * keepalived's warning: a group starts MASTER only when all its members are address owners
     * (priority 255, state MASTER), so owners mixed with non-owners cannot all start as they say.
     */
    private void checkOwnersAgree(SyncGroupDef group, List<VrrpInstanceDef> instances) {
        Set<Boolean> owners = new HashSet<>();
        instances.stream().filter(i -> group.members().contains(i.name())).forEach(i -> owners.add(
                i.priority() == VrrpInstanceDef.OWNER_PRIORITY && i.initialState() == InitialState.MASTER));
        if (owners.size() > 1) {
            context.warning(group.location(), "Sync group " + group.name() + " has some member(s) as address owner "
                    + "and some not as address owner. This won't work.");
        }
    }

    /**
     * keepalived's script checks: a script given by path must exist; with enable_script_security
     * neither it nor a directory above it may be writable by a non-root user. Without
     * enable_script_security, scripts that run as root are keepalived's "SECURITY VIOLATION"
     * (a warning here; {@code vigil -t} exits 5 for it, as keepalived documents).
     */
    private void checkScriptSecurity(GlobalDefs globals, List<VrrpScriptDef> scripts,
                                     List<VrrpInstanceDef> instances) {
        List<Located<String>> commands = new ArrayList<>();
        for (VrrpScriptDef script : scripts) {
            if (!script.argv().isEmpty()) {
                commands.add(new Located<>(script.argv().get(0), script.location()));
            }
        }
        for (Located<String> command : notifyCommands) {
            List<String> argv = ScriptCommand.split(command.value());
            if (!argv.isEmpty()) {
                commands.add(new Located<>(argv.get(0), command.location()));
            }
        }
        commands.sort(java.util.Comparator.comparingInt(c -> c.location().line()));
        for (Located<String> command : commands) {
            String path = command.value();
            Optional<java.nio.file.Path> found = scriptFile(command);
            if (found.isEmpty()) {
                continue;
            }
            java.nio.file.Path file = found.get();
            if (globals.enableScriptSecurity()) {
                ScriptCommand.writableByNonRoot(file).ifPresent(unsafe -> context.error(command.location(),
                        "script '" + path + "' is not secure: " + unsafe
                                + " is writable by a non-root user and enable_script_security is set"));
            }
        }
        boolean asRoot = globals.scriptUser().map(u -> u.equals("root")).orElse(true);
        if (!commands.isEmpty() && !globals.enableScriptSecurity() && asRoot) {
            context.diagnostics().markScriptSecurityViolation();
            context.warning(commands.get(0).location(), "SECURITY VIOLATION - scripts are being executed but "
                    + "script_security not enabled");
        }
    }

    /** The file a command runs: a path as given, a bare name through PATH as keepalived resolves it. */
    private Optional<java.nio.file.Path> scriptFile(Located<String> command) {
        String name = command.value();
        if (name.contains("/")) {
            java.nio.file.Path file = java.nio.file.Path.of(name);
            if (java.nio.file.Files.exists(file)) {
                return Optional.of(file);
            }
            context.warning(command.location(), "script '" + name + "' does not exist");
            return Optional.empty();
        }
        ScriptSearchPath.Result result = searchPath.find(name);
        if (result instanceof ScriptSearchPath.Found found) {
            return Optional.of(found.file());
        }
        context.warning(command.location(), result instanceof ScriptSearchPath.NotExecutable
                ? "Permissions failure for script " + name + " in path" : "Cannot find script " + name + " in path");
        return Optional.empty();
    }

    private GlobalDefs globals(Global g) {
        List<String> user = g.scriptUser == null ? List.of() : g.scriptUser.value();
        if (user.size() > 2) {
            context.warning(g.scriptUser.location(), "script_user takes a user and an optional group; extra words "
                    + "ignored: " + String.join(" ", user.subList(2, user.size())));
        }
        return new GlobalDefs(
                value(g.routerId),
                g.vrrpVersion == null ? GlobalDefs.DEFAULT_VRRP_VERSION : g.vrrpVersion.value(),
                g.vrrpMcastGroup4 == null ? GlobalDefs.DEFAULT_MCAST_GROUP4 : g.vrrpMcastGroup4.value().getHostAddress(),
                g.notificationEmails,
                value(g.notificationEmailFrom),
                Optional.ofNullable(g.smtpServer).map(s -> String.join(" ", s.value())),
                Optional.ofNullable(g.smtpConnectTimeout).map(v -> atLeastOne(v, 1, "smtp_connect_timeout")),
                value(g.smtpAlert),
                Optional.ofNullable(g.location),
                g.vrrpMcastGroup6 == null ? GlobalDefs.DEFAULT_MCAST_GROUP6 : AddressText.canonical(g.vrrpMcastGroup6.value()),
                user.isEmpty() ? Optional.empty() : Optional.of(user.get(0)),
                user.size() < 2 ? Optional.empty() : Optional.of(user.get(1)),
                g.enableScriptSecurity != null && g.enableScriptSecurity.value(),
                value(g.garpMasterDelay),
                Optional.ofNullable(g.garpMasterRepeat).map(v -> atLeastOne(v, 1, "vrrp_garp_master_repeat")),
                value(g.garpMasterRefresh),
                Optional.ofNullable(g.garpMasterRefreshRepeat)
                        .map(v -> atLeastOne(v, 1, "vrrp_garp_master_refresh_repeat")),
                g.notifySettings,
                // the garp_lower_prio defaults: the global garp_master values, a repeat of 0 made 1 as above
                new ProtocolResolver(context).globalDefaults(g,
                        g.garpMasterDelay == null ? VrrpInstanceDef.DEFAULT_GARP_MASTER_DELAY : g.garpMasterDelay.value(),
                        g.garpMasterRepeat == null ? VrrpInstanceDef.DEFAULT_GARP_MASTER_REPEAT
                                : Math.max(1, g.garpMasterRepeat.value())),
                FirewallResolver.nftables(g));
    }

    private List<VrrpScriptDef> scripts(List<Script> builders, GlobalDefs globals) {
        List<VrrpScriptDef> scripts = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        for (Script s : builders) {
            String name = s.name.value();
            SourceLocation first = names.putIfAbsent(name, s.name.location());
            if (first != null) {
                context.error(s.name.location(), "duplicate vrrp_script '" + name + "' (first defined at line "
                        + first.line() + ")");
                continue;
            }
            if (s.script == null || String.join(" ", s.script.value()).isBlank()) {
                context.error(s.name.location(), "vrrp_script '" + name + "' has no 'script'");
                continue;
            }
            BigDecimal interval = BigDecimal.ONE;
            if (s.interval != null) {
                interval = s.interval.value();
                if (interval.signum() == 0) {
                    context.warning(s.interval.location(), "vrrp_script '" + name
                            + "': interval must be greater than 0; using 1");
                    interval = BigDecimal.ONE;
                }
            }
            Optional<BigDecimal> timeout = value(s.timeout);
            if (timeout.isPresent() && timeout.get().signum() == 0) {
                context.warning(s.timeout.location(), "vrrp_script '" + name + "': timeout must be greater than 0; using 1");
                timeout = Optional.of(BigDecimal.ONE);
            }
            String command = String.join(" ", s.script.value());
            List<String> argv = ScriptCommand.split(command);
            if (argv.isEmpty()) {
                context.error(s.script.location(), "vrrp_script '" + name + "': unbalanced quotes in script '"
                        + command + "'");
                continue;
            }
            Optional<String> user = Optional.empty();
            Optional<String> group = Optional.empty();
            if (s.user != null) {
                user = Optional.of(s.user.value().get(0));
                if (s.user.value().size() > 1) {
                    group = Optional.of(s.user.value().get(1));
                }
            }
            scripts.add(new VrrpScriptDef(name, command, interval, timeout,
                    s.weight == null ? 0 : s.weight.value(), s.weightReverse,
                    s.rise == null ? 1 : s.rise.value(), s.fall == null ? 1 : s.fall.value(),
                    user, s.name.location(), argv, group, s.initFail != null));
        }
        return scripts;
    }

    private Optional<VrrpInstanceDef> instance(Instance b, GlobalDefs globals, Map<String, TrackerDef> trackers) {
        String name = b.name.value();
        SourceLocation at = b.name.location();
        String prefix = "vrrp_instance " + name + ": ";
        int errorsBefore = errorCount();

        if (b.virtualRouterId == null) {
            context.error(at, prefix + "virtual_router_id is required");
        }
        Optional<String> vrf = RoutedInstances.check(b, context, prefix, at);

        AddressFamily family = family(b, prefix);
        int version = version(b, globals, family, prefix);

        // keepalived: without priority, state MASTER means address owner (255); without state, 255 means MASTER.
        int priority = b.priority != null ? b.priority.value()
                : b.state != null && b.state.value().equals("MASTER") ? VrrpInstanceDef.OWNER_PRIORITY
                : VrrpInstanceDef.DEFAULT_PRIORITY;
        InitialState state = b.state != null ? InitialState.valueOf(b.state.value())
                : priority == VrrpInstanceDef.OWNER_PRIORITY ? InitialState.MASTER : InitialState.BACKUP;

        boolean preempt = b.nopreempt == null || !b.nopreempt.value();
        int preemptDelayCentis = b.preemptDelay == null ? 0 : centis(b.preemptDelay, "preempt_delay");
        if (!preempt && priority == VrrpInstanceDef.OWNER_PRIORITY) {
            context.warning(b.nopreempt.location(), prefix + "nopreempt is incompatible with priority 255; ignored");
            preempt = true;
        }
        if (state == InitialState.MASTER) {
            if (!preempt) {
                context.warning(b.nopreempt.location(), prefix + "nopreempt does not work with initial state MASTER; ignored");
                preempt = true;
            }
            if (preemptDelayCentis > 0) {
                context.warning(b.preemptDelay.location(), prefix
                        + "preempt_delay does not work with initial state MASTER; ignored");
                preemptDelayCentis = 0;
            }
        }

        int advertCentis = advertInterval(b, version, prefix);
        Optional<AuthDef> authentication = authentication(b, version, prefix);

        boolean strict = ProtocolResolver.strict(b, globals.protocolDefaults());
        boolean noVipsWanted = b.noVirtualIpaddress != null;
        if (noVipsWanted && strict) {
            context.warning(b.noVirtualIpaddress, prefix + "no_virtual_ipaddress and strict mode incompatible, "
                    + "clearing no_virtual_ipaddress");
            noVipsWanted = false;
        }
        if (b.vips.isEmpty() && !noVipsWanted) {
            if (version == 3 || strict) {
                context.error(at, prefix + "no virtual_ipaddress; " + (version == 3 ? "VRRP version 3" : "strict mode")
                        + " requires at least one");
            } else {
                context.warning(at, prefix + "no virtual_ipaddress; at least one is sensible");
            }
        }
        if (!b.unicastPeers.isEmpty() && b.interfaceName != null && (b.sourceAddress == null || !"unicast_src_ip".equals(b.sourceAddressKeyword))) {
            context.warning(b.unicastPeers.get(0).location(), prefix + "unicast_peer without unicast_src_ip: "
                    + "adverts are sent from " + (b.sourceAddress != null ? "the mcast_src_ip address"
                    : "the interface's primary address"));
        }
        if (b.unicastFaultNoPeer != null && b.unicastPeers.isEmpty()) {
            context.warning(b.unicastFaultNoPeer, prefix + "unicast_fault_no_peer without any unicast_peer: "
                    + "the instance stays in FAULT");
        } else if (b.unicastConfigured && b.unicastPeers.isEmpty()) {
            context.warning(b.sourceAddress != null ? b.sourceAddress.location() : at, prefix
                    + "unicast is configured without any unicast_peer; using multicast (deprecated in keepalived)");
        }

        int garpRepeat = atLeastOne(b.garpMasterRepeat != null ? b.garpMasterRepeat : global(globals.garpMasterRepeat()),
                VrrpInstanceDef.DEFAULT_GARP_MASTER_REPEAT, prefix + "garp_master_repeat");
        int garpRefreshRepeat = atLeastOne(b.garpMasterRefreshRepeat != null ? b.garpMasterRefreshRepeat
                        : global(globals.garpMasterRefreshRepeat()),
                VrrpInstanceDef.DEFAULT_GARP_MASTER_REFRESH_REPEAT, prefix + "garp_master_refresh_repeat");
        int garpDelay = b.garpMasterDelay != null ? b.garpMasterDelay.value()
                : globals.garpMasterDelay().orElse(VrrpInstanceDef.DEFAULT_GARP_MASTER_DELAY);
        int garpRefresh = b.garpMasterRefresh != null ? b.garpMasterRefresh.value()
                : globals.garpMasterRefresh().orElse(VrrpInstanceDef.DEFAULT_GARP_MASTER_REFRESH);

        List<TrackScriptRef> trackedScripts = new ArrayList<>();
        List<TrackRef> tracked = trackedChecks(b, trackers, prefix, trackedScripts);
        List<TrackRef> trackInterfaces = uniqueInterfaces(b, prefix);
        if (priority == VrrpInstanceDef.OWNER_PRIORITY) {
            // keepalived: an address owner's priority never moves; weighted tracking is ignored
            for (TrackRef ref : tracked) {
                TrackerDef tracker = trackers.get(ref.name());
                int weight = ref.weight().orElse(tracker == null ? 0 : (Integer) tracker.properties().get("weight"));
                if (weight != 0) {
                    context.warning(ref.location(), prefix + "ignoring the weight of tracked " + ref.list()
                            .substring("track_".length()) + " " + ref.name() + " due to address owner (priority 255)");
                }
            }
            for (TrackRef ref : trackInterfaces) {
                if (ref.weight().orElse(0) != 0) {
                    context.warning(ref.location(), prefix + "ignoring the weight of tracked interface " + ref.name()
                            + " due to address owner (priority 255)");
                }
            }
        }
        String multicastGroup = b.mcastDstIp != null ? AddressText.canonical(b.mcastDstIp.value())
                : family == AddressFamily.IPV6 ? globals.vrrpMcastGroup6() : globals.vrrpMcastGroup4();
        Optional<IpvlanDef> ipvlan = IpvlanResolver.ipvlan(b, context, prefix, family, virtualInterfaceUsers::get);
        Optional<VmacResolver.Vmac> vmacDef = VmacResolver.resolve(b, context, prefix);
        Optional<String> vmac = vmacDef.map(VmacResolver.Vmac::name);
        ipvlan.map(IpvlanDef::interfaceName).or(() -> vmac)
                .ifPresent(n -> virtualInterfaceUsers.putIfAbsent(n, name));
        Optional<String> sourceAddress = Optional.ofNullable(b.sourceAddress)
                .map(s -> AddressText.canonical(s.value()))
                .or(() -> ipvlan.flatMap(IpvlanDef::host)); // keepalived: the ipvlan's address is the source
        boolean trackSourceAddress = b.trackSrcIp != null && sourceAddress.isPresent();
        if (b.trackSrcIp != null && b.interfaceName == null) {
            context.warning(b.trackSrcIp, prefix + "track_src_ip needs an interface to watch the address on; ignored");
            trackSourceAddress = false;
        } else if (b.trackSrcIp != null && sourceAddress.isEmpty()) {
            context.warning(b.trackSrcIp, prefix + "track_src_ip without unicast_src_ip, mcast_src_ip or an ipvlan "
                    + "address has nothing to track; ignored");
        }
        String vipDevice = ipvlan.map(IpvlanDef::interfaceName)
                .orElse(vmac.orElse(b.interfaceName == null ? defaultInterface : b.interfaceName.value()));
        ExtraVmacResolver.Placed placed = extraVmacs(b, family, ipvlan.map(IpvlanDef::interfaceName).or(() -> vmac),
                vmacDef.flatMap(VmacResolver.Vmac::address), name, prefix);
        List<StaticDef> extras = new ArrayList<>(b.extras);
        placed.excluded().forEach(v -> extras.add(new StaticDef("virtual_ipaddress_excluded",
                v.normalized(vipDevice), v.location())));

        ProtocolResolver protocolResolver = new ProtocolResolver(context);
        ProtocolOptions protocol = protocolResolver.instance(b, globals.protocolDefaults(), priority,
                version, family, at, prefix);
        boolean noAccept = protocolResolver.noAccept(b, ProtocolResolver.strict(b, globals.protocolDefaults()),
                priority == VrrpInstanceDef.OWNER_PRIORITY, version, prefix);
        int[] paced = b.interfaceName == null ? null : garpGroups.get(b.interfaceName.value());
        if (paced != null) {
            protocol = protocol.withAnnouncementIntervals(paced[0], paced[1]);
        }

        KernelSettings kernel = KernelResolver.resolve(b, family, vmac.isPresent(), context, prefix);
        String oldUnicastChecksum = oldUnicastChecksum(b, prefix);
        int timerExpiredBackup = timerExpiredBackup(b, preempt, prefix);
        GarpExtraIf garpExtra = b.garpExtraIf == null ? garpExtraDefault
                : GarpExtraIf.parse(b.garpExtraIf, "garp_extra_if", prefix, context).orElse(GarpExtraIf.OFF);
        if (errorCount() > errorsBefore) {
            return Optional.empty();
        }
        b.notifyScripts.values().forEach(line -> notifyCommands.add(NotifierResolver.command(line)));
        Map<String, String> notify = new LinkedHashMap<>();
        b.notifyScripts.forEach((k, v) -> notify.put(k, v.value()));
        List<VipDef> vips = b.interfaceName == null ? RoutedInstances.placed(placed.vips(), vipDevice) : placed.vips();
        return Optional.of(new VrrpInstanceDef(name, state, b.interfaceName == null ? "" : b.interfaceName.value(),
                b.virtualRouterId.value(), version, family, priority, advertCentis, preempt, preemptDelayCentis,
                authentication, vips,
                sourceAddress,
                b.unicastPeers.stream().map(p -> AddressText.canonical(p.value())).toList(),
                garpDelay, garpRepeat, garpRefresh, garpRefreshRepeat, trackedScripts, value(b.smtpAlert), notify, at,
                tracked, trackInterfaces, multicastGroup, extras, protocol, vmac,
                (vmac.isPresent() || ipvlan.isPresent()) && b.vmacXmitBase != null,
                b.dontTrackPrimary == null, b.unicastFaultNoPeer != null,
                b.v3ChecksumAsV2 != null ? b.v3ChecksumAsV2.value() : v3ChecksumAsV2Default, oldUnicastChecksum,
                priorityChangeNotifies.forInstance(b), timerExpiredBackup, noAccept,
                garpExtra.seconds(), garpExtra.allInterfaces(), ipvlan,
                trackSourceAddress, vmacDef.flatMap(VmacResolver.Vmac::address),
                kernel, placed.vmacs(), vmacDef.flatMap(VmacResolver.Vmac::group), vrf));
    }

    /**
     * The instance's extra VMACs, named clear of every VMAC and ipvlan of the instances before it
     * (keepalived finds theirs made) and of the interfaces this one names.
     */
    private ExtraVmacResolver.Placed extraVmacs(Instance b, AddressFamily family, Optional<String> ownDevice,
            Optional<String> ownMac, String name, String prefix) {
        if (b.interfaceName == null || b.virtualRouterId == null) {
            return new ExtraVmacResolver.Placed(b.vips, b.excludedVips, List.of());
        }
        Set<String> taken = new HashSet<>(virtualInterfaceUsers.keySet());
        taken.add(b.interfaceName.value());
        java.util.stream.Stream.concat(b.vips.stream(), b.excludedVips.stream())
                .forEach(v -> v.device().ifPresent(taken::add));
        ExtraVmacResolver.Placed placed = ExtraVmacResolver.resolve(b, family, ownDevice, ownMac, taken, context,
                prefix);
        placed.vmacs().forEach(v -> virtualInterfaceUsers.putIfAbsent(v.name(), name));
        return placed;
    }

    /** The family of the first address given; every other address must share it. */
    /**
     * {@code timer_expired_backup [PRIO]}: the highest priority of the other routers (254 when not
     * given), 1-254; keepalived resets it without {@code nopreempt}, which it needs.
     */
    private int timerExpiredBackup(Instance b, boolean preempt, String prefix) {
        if (b.timerExpiredBackup == null) {
            return 0;
        }
        List<String> words = b.timerExpiredBackup.value();
        int priority = VrrpInstanceDef.OWNER_PRIORITY - 1;
        if (!words.isEmpty()) {
            try {
                priority = Integer.parseInt(words.get(0));
            } catch (NumberFormatException e) {
                priority = -1;
            }
            if (words.size() > 1 || priority < 1 || priority > VrrpInstanceDef.OWNER_PRIORITY - 1) {
                context.error(b.timerExpiredBackup.location(), prefix + "timer_expired_backup highest other priority '"
                        + String.join(" ", words) + "' is not valid: must be 1-" + (VrrpInstanceDef.OWNER_PRIORITY - 1));
                return 0;
            }
        }
        if (preempt) {
            context.warning(b.timerExpiredBackup.location(), prefix + "timer_expired_backup requires nopreempt; ignored");
            return 0;
        }
        return priority;
    }

    /** {@code old_unicast_checksum [never]}: "always" bare, "never", "detect" without the keyword. */
    private String oldUnicastChecksum(Instance b, String prefix) {
        if (b.oldUnicastChecksum == null) {
            return "detect";
        }
        List<String> words = b.oldUnicastChecksum.value();
        if (words.isEmpty()) {
            return "always";
        }
        if (words.size() == 1 && words.get(0).equals("never")) {
            return "never";
        }
        context.error(b.oldUnicastChecksum.location(), prefix + "unknown old_unicast_checksum mode '"
                + String.join(" ", words) + "'; only 'never' may follow the keyword");
        return "detect";
    }

    private AddressFamily family(Instance b, String prefix) {
        List<Located<String>> described = new ArrayList<>();
        List<AddressFamily> families = new ArrayList<>();
        for (VipDef vip : b.vips) {
            described.add(new Located<>("virtual_ipaddress " + vip.address(), vip.location()));
            families.add(vip.family());
        }
        if (b.sourceAddress != null) {
            described.add(new Located<>(b.sourceAddressKeyword + " " + b.sourceAddress.value().getHostAddress(),
                    b.sourceAddress.location()));
            families.add(AddressFamily.of(b.sourceAddress.value()));
        }
        for (Located<InetAddress> peer : b.unicastPeers) {
            described.add(new Located<>("unicast_peer " + AddressText.canonical(peer.value()), peer.location()));
            families.add(AddressFamily.of(peer.value()));
        }
        if (b.mcastDstIp != null) {
            described.add(new Located<>("mcast_dst_ip " + AddressText.canonical(b.mcastDstIp.value()),
                    b.mcastDstIp.location()));
            families.add(AddressFamily.of(b.mcastDstIp.value()));
        }
        if (b.nativeIpv6 != null) {
            // keepalived: native_ipv6 says IPv6 and VRRPv3, and no IPv4 address may come with it
            described.add(0, new Located<>("native_ipv6", b.nativeIpv6));
            families.add(0, AddressFamily.IPV6);
        }
        if (families.isEmpty()) {
            return AddressFamily.IPV4;
        }
        AddressFamily family = families.get(0);
        for (int i = 1; i < families.size(); i++) {
            if (families.get(i) != family && b.nativeIpv6 != null) {
                context.error(described.get(i).location(), prefix + described.get(i).value()
                        + " is IPv4; native_ipv6 cannot be used with IPv4 addresses");
            } else if (families.get(i) != family) {
                context.error(described.get(i).location(), prefix + described.get(i).value() + " is "
                        + families.get(i).label() + " but " + described.get(0).value() + " is " + family.label()
                        + "; all addresses of an instance must be of one family");
            }
        }
        return family;
    }

    private int version(Instance b, GlobalDefs globals, AddressFamily family, String prefix) {
        if (b.version != null) {
            if (b.version.value() == 2 && family == AddressFamily.IPV6) {
                context.error(b.version.location(), prefix + "VRRP version 2 does not support IPv6; use version 3");
            }
            return b.version.value();
        }
        return family == AddressFamily.IPV6 ? 3 : globals.vrrpVersion();
    }

    /** advert_int in centiseconds: whole seconds for VRRPv2, 10 ms steps up to 40.95 s for VRRPv3. */
    private int advertInterval(Instance b, int version, String prefix) {
        if (b.advertInt == null) {
            return VrrpInstanceDef.DEFAULT_ADVERT_INT_CENTIS;
        }
        BigDecimal seconds = b.advertInt.value();
        SourceLocation at = b.advertInt.location();
        if (version == 2) {
            BigDecimal whole = seconds.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
            if (seconds.compareTo(whole) != 0) {
                context.warning(at, prefix + "advert_int " + seconds.toPlainString()
                        + " is not a whole number of seconds as VRRP version 2 requires; rounded to "
                        + whole.toPlainString());
            }
            return whole.intValueExact() * 100;
        }
        BigDecimal centis = seconds.multiply(HUNDRED);
        BigDecimal rounded = centis.setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
        if (rounded.compareTo(BigDecimal.valueOf(V3_MAX_ADVERT_CENTIS)) > 0) {
            context.error(at, prefix + "advert_int " + seconds.toPlainString()
                    + " is out of range for VRRP version 3: must be between 0.01 and 40.95 seconds");
            return V3_MAX_ADVERT_CENTIS;
        }
        if (centis.compareTo(rounded) != 0) {
            context.warning(at, prefix + "advert_int " + seconds.toPlainString()
                    + " is not a multiple of 10 ms as VRRP version 3 requires; rounded to "
                    + rounded.movePointLeft(2).toPlainString());
        }
        return rounded.intValueExact();
    }

    private int centis(Located<BigDecimal> seconds, String keyword) {
        BigDecimal centis = seconds.value().multiply(HUNDRED);
        BigDecimal rounded = centis.setScale(0, RoundingMode.HALF_UP);
        if (centis.compareTo(rounded) != 0) {
            context.warning(seconds.location(), keyword + " " + seconds.value().toPlainString()
                    + " is finer than 10 ms; rounded to " + rounded.movePointLeft(2).toPlainString());
        }
        return rounded.intValueExact();
    }

    private Optional<AuthDef> authentication(Instance b, int version, String prefix) {
        var auth = b.authentication;
        if (auth == null) {
            return Optional.empty();
        }
        if (auth.type == null) {
            context.warning(auth.location, prefix + "authentication without auth_type; ignored");
            return Optional.empty();
        }
        if (auth.type.value().equals("AH")) {
            context.error(auth.type.location(), prefix + "auth_type AH is not supported (IPsec AH authentication "
                    + "is not implemented); use auth_type PASS or remove the authentication block");
            return Optional.empty();
        }
        if (version == 3) {
            context.warning(auth.location, prefix + "VRRP version 3 does not support authentication; ignored");
            return Optional.empty();
        }
        if (auth.password == null || auth.password.value().isEmpty()) {
            context.warning(auth.location, prefix + "authentication specified but no auth_pass given; ignored");
            return Optional.empty();
        }
        return Optional.of(new AuthDef(auth.password.value(), auth.location));
    }

    private int atLeastOne(Located<Integer> value, int defaultValue, String what) {
        if (value == null) {
            return defaultValue;
        }
        if (value.value() == 0) {
            context.warning(value.location(), what + " must be greater than 0; using 1");
            return 1;
        }
        return value.value();
    }

    /**
     * Every track list's lines, each checked against the defined trackers: track_script may name a
     * tracker of any kind (docs/CONTRACTS.md), the other lists only their own kind. A name that is
     * not defined is an error: running without it would compute another priority than the file says.
     */
    private List<TrackRef> trackedChecks(Instance b, Map<String, TrackerDef> trackers, String prefix,
                                         List<TrackScriptRef> trackedScripts) {
        List<TrackRef> tracked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TrackRef ref : b.tracked) {
            TrackerDef tracker = trackers.get(ref.name());
            String wanted = switch (ref.list()) {
                case "track_script" -> null;
                case "track_process" -> "process";
                case "track_file" -> "file";
                case "track_http" -> "http";
                case "track_tcp" -> "tcp";
                default -> "plugin";
            };
            if (tracker == null) {
                context.error(ref.location(), prefix + ref.list() + " '" + ref.name() + "' refers to no "
                        + definedBy(ref.list()));
                continue;
            }
            boolean kindMatches = wanted == null
                    || (wanted.equals("plugin") ? !TrackerGrammars.BUILT_IN_KINDS.contains(tracker.kind())
                    : wanted.equals(tracker.kind()));
            if (!kindMatches) {
                context.error(ref.location(), prefix + ref.list() + " '" + ref.name() + "' is a " + tracker.block()
                        + " (line " + tracker.location().line() + "), not a " + definedBy(ref.list()));
                continue;
            }
            if (!seen.add(ref.name())) {
                context.warning(ref.location(), prefix + ref.list() + " '" + ref.name()
                        + "' is tracked twice; the second is ignored");
                continue;
            }
            tracked.add(ref);
            if (ref.list().equals("track_script")) {
                trackedScripts.add(new TrackScriptRef(ref.name(), ref.weight(), ref.reverse(), ref.location()));
            }
        }
        return tracked;
    }

    private static String definedBy(String list) {
        return switch (list) {
            case "track_script" -> "vrrp_script or other tracker";
            case "track_process" -> "vrrp_track_process";
            case "track_file" -> "track_file";
            case "track_http" -> "vrrp_track_http";
            case "track_tcp" -> "vrrp_track_tcp";
            default -> "vrrp_track_plugin";
        };
    }

    private List<TrackRef> uniqueInterfaces(Instance b, String prefix) {
        List<TrackRef> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TrackRef ref : b.trackInterfaces) {
            if (!seen.add(ref.name())) {
                context.warning(ref.location(), prefix + "track_interface '" + ref.name()
                        + "' is listed twice; the second is ignored");
            } else {
                result.add(ref);
            }
        }
        return result;
    }

    private static Located<Integer> global(Optional<Integer> value) {
        return value.map(v -> new Located<>(v, SourceLocation.ofFile("global_defs"))).orElse(null);
    }

    /** Two multicast instances on one interface and family cannot share a VRID (keepalived's check). */
    private void checkVrids(List<VrrpInstanceDef> instances) {
        for (int i = 0; i < instances.size(); i++) {
            for (int j = 0; j < i; j++) {
                VrrpInstanceDef a = instances.get(j);
                VrrpInstanceDef b = instances.get(i);
                if (a.virtualRouterId() != b.virtualRouterId() || a.family() != b.family()
                        || !a.interfaceName().equals(b.interfaceName())) {
                    continue;
                }
                if (!a.unicastPeers().isEmpty() && !b.unicastPeers().isEmpty()
                        && Collections.disjoint(a.unicastPeers(), b.unicastPeers())) {
                    continue;
                }
                context.error(b.location(), a.name() + " and " + b.name() + " both use virtual_router_id "
                        + b.virtualRouterId() + " with " + b.family().label() + " on interface " + b.interfaceName());
            }
        }
    }

    private void warnUnusedTrackers(List<TrackerDef> trackers, List<Instance> instances) {
        Set<String> used = new HashSet<>();
        instances.forEach(i -> i.tracked.forEach(t -> used.add(t.name())));
        for (TrackerDef tracker : trackers) {
            if (!used.contains(tracker.name())) {
                context.warning(tracker.location(), tracker.block() + " '" + tracker.name()
                        + "' is not used by any vrrp_instance");
            }
        }
    }

    private int errorCount() {
        return context.diagnostics().errorCount();
    }

    private static <T> Optional<T> value(Located<T> located) {
        return located == null ? Optional.empty() : Optional.of(located.value());
    }
}
