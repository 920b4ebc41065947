package dev.vigil.config.keepalived.parser;

import static dev.vigil.config.keepalived.grammar.Rules.before;
import static dev.vigil.config.keepalived.grammar.Rules.block;
import static dev.vigil.config.keepalived.grammar.Rules.flag;
import static dev.vigil.config.keepalived.grammar.Rules.lvs;
import static dev.vigil.config.keepalived.grammar.Rules.namedBlock;
import static dev.vigil.config.keepalived.grammar.Rules.optionalBoolean;
import static dev.vigil.config.keepalived.grammar.Rules.value;
import static dev.vigil.config.keepalived.grammar.Rules.valueBlock;
import static dev.vigil.config.keepalived.grammar.Rules.words;

import dev.vigil.config.keepalived.model.StaticDef;
import dev.vigil.config.keepalived.grammar.BlockGrammar;
import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.lexer.Token;
import dev.vigil.config.keepalived.model.AuthDef;
import dev.vigil.config.keepalived.model.TrackRef;
import dev.vigil.config.keepalived.model.TrackScriptRef;
import dev.vigil.config.keepalived.parser.Builders.SyncGroup;
import dev.vigil.config.keepalived.parser.Builders.Authentication;
import dev.vigil.config.keepalived.parser.Builders.Config;
import dev.vigil.config.keepalived.parser.Builders.Global;
import dev.vigil.config.keepalived.parser.Builders.Instance;
import dev.vigil.config.keepalived.parser.Builders.Script;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The keepalived.conf keyword tables Vigil knows today. Keywords keepalived has and Vigil does not
 * implement yet are declared too, so they are reported as such instead of as typos.
 */
public final class KeepalivedGrammar {

    private static final BigDecimal CENTI = new BigDecimal("0.01");
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    /** keepalived's bound: the timeout in its timer units must fit an unsigned int. */
    private static final int SMTP_MAX_TIMEOUT_SECONDS = 4294;

    /** The top level of a keepalived.conf. */
    static final BlockGrammar<Config> TOP = top();

    private KeepalivedGrammar() {
    }

    private static BlockGrammar<Config> top() {
        return new BlockGrammar<Config>("configuration")
                .add(block("global_defs", globalDefs(), Config::global))
                .add(namedBlock("vrrp_script", vrrpScript(), Config::script))
                .add(namedBlock("vrrp_track_process", TrackerGrammars.process(),
                        (c, n) -> c.tracker("vrrp_track_process", "process", n)))
                .add(namedBlock("track_file", TrackerGrammars.file("track_file"),
                        (c, n) -> c.tracker("track_file", "file", n)))
                .add(deprecated(namedBlock("vrrp_track_file", TrackerGrammars.file("vrrp_track_file"),
                        (c, n) -> c.tracker("vrrp_track_file", "file", n)), "track_file"))
                .add(namedBlock("vrrp_track_http", TrackerGrammars.http(),
                        (c, n) -> c.tracker("vrrp_track_http", "http", n)))
                .add(namedBlock("vrrp_track_tcp", TrackerGrammars.tcp(),
                        (c, n) -> c.tracker("vrrp_track_tcp", "tcp", n)))
                .add(namedBlock("vrrp_track_plugin", TrackerGrammars.plugin(),
                        (c, n) -> c.tracker("vrrp_track_plugin", null, n)))
                .add(namedBlock("vrrp_instance", vrrpInstance(), Config::instance))
                .add(namedBlock("vrrp_sync_group", syncGroup(), Config::syncGroup))
                .add(namedBlock("vigil_webhook", NotifierGrammars.webhook(), Config::webhook))
                .add(block("garp_group", ProtocolGrammars.garpGroup(), Config::garpGroup))
                .add(namedBlock(TrackGroups.KEYWORD, TrackGroups.grammar(), Config::trackGroup))
                .add(staticBlock("static_ipaddress"))
                .add(staticBlock("static_routes"))
                .add(staticBlock("static_rules"))
                .add(lvs("virtual_server"))
                .add(lvs("virtual_server_group"))
                .add(lvs("real_server"))
                .add(lvs("SSL"))
                .notImplemented("linkbeat_interfaces", "interface_up_down_delays", "bfd_instance");
    }

    private static BlockGrammar<Global> globalDefs() {
        return new BlockGrammar<Global>("global_defs")
                .add(value("router_id", Values.word(), (g, v) -> g.routerId = v))
                .add(value("vrrp_version", Values.integer(2, 3), (g, v) -> g.vrrpVersion = v))
                .add(value("vrrp_mcast_group4", Values.ipv4Multicast(), (g, v) -> g.vrrpMcastGroup4 = v))
                .add(value("vrrp_mcast_group6", Values.ipv6Multicast(), (g, v) -> g.vrrpMcastGroup6 = v))
                .add(value("default_interface", Values.interfaceName(), (g, v) -> g.defaultInterface = v))
                .add(words("script_user", 1, (g, v) -> g.scriptUser = v))
                .add(optionalBoolean("enable_script_security", (g, v) -> g.enableScriptSecurity = v))
                .add(value("vrrp_garp_master_delay", Values.integer(0, 4294), (g, v) -> g.garpMasterDelay = v))
                .add(value("vrrp_garp_master_repeat", Values.integer(0, UNBOUNDED), (g, v) -> g.garpMasterRepeat = v))
                .add(value("vrrp_garp_master_refresh", Values.integer(0, UNBOUNDED), (g, v) -> g.garpMasterRefresh = v))
                .add(value("vrrp_garp_master_refresh_repeat", Values.integer(0, UNBOUNDED),
                        (g, v) -> g.garpMasterRefreshRepeat = v))
                .add(valueBlock("notification_email", (g, line, context) -> g.notificationEmails.addAll(lineWords(line))))
                .add(value("notification_email_from", Values.word(), (g, v) -> g.notificationEmailFrom = v))
                .add(NotifierGrammars.smtpServer((g, v) -> g.smtpServer = v))
                // keepalived accepts 0 (and uses 1) for files older than its 2.0.7
                .add(value("smtp_connect_timeout", Values.integer(0, SMTP_MAX_TIMEOUT_SECONDS),
                        (g, v) -> g.smtpConnectTimeout = v))
                .add(optionalBoolean("smtp_alert", (g, v) -> g.smtpAlert = v))
                .add(words("no_email_faults", 0, (g, v) -> g.noEmailFaults = true))
                .add(kept(value("smtp_helo_name", Values.word(), (g, v) -> g.smtpHeloName = v)))
                .add(kept(optionalBoolean("smtp_alert_vrrp", (g, v) -> g.smtpAlertVrrp = v)))
                .add(kept(NotifierGrammars.fifo("notify_fifo", g -> g.fifoLines)))
                .add(kept(NotifierGrammars.notifyScript("notify_fifo_script", g -> g.fifoLines)))
                .add(kept(NotifierGrammars.fifo("vrrp_notify_fifo", g -> g.fifoLines)))
                .add(kept(NotifierGrammars.notifyScript("vrrp_notify_fifo_script", g -> g.fifoLines)))
                .add(kept(optionalBoolean("vrrp_notify_priority_changes", (g, v) -> g.notifyPriorityChanges = v)))
                .add(optionalBoolean("v3_checksum_as_v2", (g, v) -> g.v3ChecksumAsV2 = v))
                .add(everyLine(value("vmac_prefix", Values.word(), (g, v) -> g.vmacPrefixes.add(v))))
                .add(everyLine(value("vmac_addr_prefix", Values.word(), (g, v) -> g.vmacAddrPrefixes.add(v))))
                .add(words("vrrp_garp_extra_if", 1, (g, v) -> g.garpExtraIf = v))
                .add(deprecated(words("vrrp_vmac_garp_intvl", 1, (g, v) -> g.garpExtraIf = v), "vrrp_garp_extra_if"))
                .addAll(ProtocolGrammars.global())
                .addAll(FirewallGrammars.global())
                .notImplemented("linkbeat_use_polling", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
                        "use_pid_dir", "instance", "child_wait_time", "process_names", "process_name",
                        "vrrp_process_name", "checker_process_name", "lvs_process_name", "bfd_process_name",
                        "use_symlink_paths", "set_supplementary_groups", "startup_script",
                        "startup_script_timeout", "shutdown_script", "shutdown_script_timeout", "max_auto_priority",
                        "min_auto_priority_delay", "smtp_alert_checker", "checker_log_all_failures",
                        "dynamic_interfaces", "disable_local_igmp",
                        "lvs_timeouts", "lvs_flush", "lvs_flush_on_stop", "lvs_flush_onstop",
                        "lvs_sync_daemon", "vrrp_priority", "vrrp_no_swap",
                        "vrrp_rt_priority", "vrrp_cpu_affinity", "vrrp_rlimit_rttime", "vrrp_rlimit_rtime",
                        "nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark",
                        "fifo_write_vrrp_states_on_reload", "lvs_notify_fifo",
                        "lvs_notify_fifo_script", "checker_priority", "checker_no_swap", "checker_rt_priority",
                        "checker_cpu_affinity", "checker_rlimit_rttime", "checker_rlimit_rtime", "bfd_priority",
                        "bfd_no_swap", "bfd_rt_priority", "bfd_cpu_affinity", "bfd_rlimit_rttime", "bfd_rlimit_rtime",
                        "snmp_socket", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived", "enable_snmp_rfc",
                        "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_snmp_checker", "snmp_vs_stats_update_interval",
                        "snmp_rs_stats_update_interval", "enable_dbus", "dbus_service_name", "dbus_no_interface_name",
                        "vrrp_netlink_cmd_rcv_bufs",
                        "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
                        "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs",
                        "process_monitor_rcv_bufs_force", "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force",
                        "lvs_netlink_monitor_rcv_bufs", "lvs_netlink_monitor_rcv_bufs_force", "rs_init_notifies",
                        "no_checker_emails", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier", "vrrp_startup_delay",
                        "vrrp_delay_after_boot", "log_unknown_vrids",
                        "umask", "random_seed", "reload_check_config", "reload_time_file",
                        "reload_repeat", "reload_file", "include_check", "config_save_dir", "tmp_config_directory",
                        "data_use_instance", "json_version", "iproute_usr_dir", "iproute_etc_dir", "state_dump_file",
                        "stats_dump_file", "json_dump_file");
    }

    /** A notifier setting of global_defs that also stays in {@code GlobalDefs.notifySettings} as written. */
    private static KeywordRule<Global> kept(KeywordRule<Global> rule) {
        return before(rule, rule.singleValued(), (statement, global, context) -> {
            String text = String.join(" ", statement.argumentTexts());
            if (rule.singleValued()) {
                global.notifySettings.put(rule.keyword(), text); // the last one wins
            } else {
                global.notifySettings.putIfAbsent(rule.keyword(), text); // notify lines: the first one
            }
        });
    }

    /** {@code static_ipaddress}, {@code static_routes}, {@code static_rules}: each line checked and normalised. */
    private static KeywordRule<Config> staticBlock(String keyword) {
        return valueBlock(keyword, (c, line, context) -> {
            java.util.List<String> words = new java.util.ArrayList<>(lineWords(line));
            Optional<String> group = TrackGroups.take(words, keyword, line.location(), c, context);
            Optional<StaticDef> entry = keyword.equals("static_ipaddress")
                    ? RouteLines.staticAddress(line, context, RoutedInstances.defaultInterface(c.global))
                    : RouteLines.routeOrRule(keyword, words, line, context);
            entry.ifPresent(c.statics::add);
            if (entry.isPresent() && group.isPresent()) {
                TrackGroups.track(group.get(), entry.get(), words.contains(VipOptions.NO_TRACK), c, context);
            }
        });
    }

    /** A value whose every line is kept (their resolver decides, e.g. keepalived's "first one wins"). */
    private static <B> KeywordRule<B> everyLine(KeywordRule<B> rule) {
        return before(rule, false, (statement, builder, context) -> { });
    }

    /** A synonym keepalived keeps for compatibility: works, with its own deprecation warning. */
    private static <B> KeywordRule<B> deprecated(KeywordRule<B> rule, String replacement) {
        return before(rule, false, (statement, builder, context) -> context.warning(statement.location(),
                "'" + rule.keyword() + "' is deprecated, please use '" + replacement + "'"));
    }

    static java.util.List<String> lineWords(Statement line) {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(line.name());
        all.addAll(line.argumentTexts());
        return all;
    }

    private static BlockGrammar<Script> vrrpScript() {
        BigDecimal maxSeconds = BigDecimal.valueOf(4_294_967L);
        return new BlockGrammar<Script>("vrrp_script")
                .add(words("script", 1, (s, v) -> s.script = v))
                .add(value("interval", Values.decimal(BigDecimal.ZERO, maxSeconds), (s, v) -> s.interval = v))
                .add(value("timeout", Values.decimal(BigDecimal.ZERO, maxSeconds), (s, v) -> s.timeout = v))
                .add(scriptWeight())
                .add(value("rise", Values.integer(1, UNBOUNDED), (s, v) -> s.rise = v))
                .add(value("fall", Values.integer(1, UNBOUNDED), (s, v) -> s.fall = v))
                .add(words("user", 1, (s, v) -> s.user = v))
                .add(flag("init_fail", (s, at) -> s.initFail = new Located<>(true, at)));
    }

    /** {@code weight N [reverse]} inside {@code vrrp_script}. */
    private static KeywordRule<Script> scriptWeight() {
        return TrackerGrammars.weightWithReverse((s, v) -> s.weight = v, s -> s.weightReverse = true);
    }

    private static BlockGrammar<Instance> vrrpInstance() {
        return new BlockGrammar<Instance>("vrrp_instance")
                .add(value("state", Values.choice("MASTER", "BACKUP"), (i, v) -> i.state = v))
                .add(value("interface", Values.interfaceName(), (i, v) -> i.interfaceName = v))
                .add(value("vrf", Values.interfaceName(), (i, v) -> i.vrf = v))
                .add(value("virtual_router_id", Values.integer(1, 255), (i, v) -> i.virtualRouterId = v))
                .add(value("priority", Values.integer(1, 255), (i, v) -> i.priority = v))
                .add(value("advert_int", Values.decimal(CENTI, BigDecimal.valueOf(255)), (i, v) -> i.advertInt = v))
                .add(value("version", Values.integer(2, 3), (i, v) -> i.version = v))
                .add(flag("nopreempt", (i, at) -> i.nopreempt = new Located<>(true, at)))
                .add(flag("preempt", (i, at) -> i.nopreempt = new Located<>(false, at)))
                .add(value("preempt_delay", Values.decimal(BigDecimal.ZERO, BigDecimal.valueOf(1000)),
                        (i, v) -> i.preemptDelay = v))
                .add(block("authentication", authentication(), Instance::authentication))
                .add(valueBlock("virtual_ipaddress", VipLines::parse))
                .add(new SourceAddress("mcast_src_ip", false))
                .add(new SourceAddress("unicast_src_ip", true))
                .add(valueBlock("unicast_peer", KeepalivedGrammar::unicastPeer))
                .add(value("garp_master_delay", Values.integer(0, 4294), (i, v) -> i.garpMasterDelay = v))
                .add(value("garp_master_repeat", Values.integer(0, UNBOUNDED), (i, v) -> i.garpMasterRepeat = v))
                .add(value("garp_master_refresh", Values.integer(0, UNBOUNDED), (i, v) -> i.garpMasterRefresh = v))
                .add(value("garp_master_refresh_repeat", Values.integer(0, UNBOUNDED),
                        (i, v) -> i.garpMasterRefreshRepeat = v))
                .add(valueBlock("track_script", KeepalivedGrammar::trackScript))
                .add(trackList("track_process"))
                .add(trackList("track_file"))
                .add(trackList("track_http"))
                .add(trackList("track_tcp"))
                .add(trackList("track_plugin"))
                .add(valueBlock("track_interface", KeepalivedGrammar::trackInterface))
                .add(optionalBoolean("smtp_alert", (i, v) -> i.smtpAlert = v))
                .add(valueBlock("virtual_ipaddress_excluded", VipLines::parseExcluded))
                .add(extraLines("virtual_routes"))
                .add(extraLines("virtual_rules"))
                .add(notify("notify_master"))
                .add(notify("notify_backup"))
                .add(notify("notify_fault"))
                .add(notify("notify_stop"))
                .add(notify("notify"))
                .add(notifyDeleted())
                .add(notify("notify_master_rx_lower_pri"))
                .add(optionalBoolean("notify_priority_changes", (i, v) -> i.notifyPriorityChanges = v))
                .add(words("use_vmac", 0, (i, v) -> i.useVmac = v))
                .add(flag("vmac_xmit_base", (i, at) -> i.vmacXmitBase = at))
                .add(flag("use_vmac_addr", (i, at) -> i.useVmacAddr = at))
                .add(words("use_ipvlan", 0, (i, v) -> i.useIpvlan = v))
                .add(flag("track_src_ip", (i, at) -> i.trackSrcIp = at))
                .add(value("mcast_dst_ip", Values.vrrpMulticast(), (i, v) -> i.mcastDstIp = v))
                .add(flag("native_ipv6", (i, at) -> i.nativeIpv6 = at))
                .add(flag("dont_track_primary", (i, at) -> i.dontTrackPrimary = at))
                .add(flag("no_virtual_ipaddress", (i, at) -> i.noVirtualIpaddress = at))
                // keepalived reads a debug level 0-4 and does nothing with it ("not implemented yet" in its
                // own man page): checked, and equally without effect here
                .add(value("debug", Values.integer(0, 4), (i, v) -> { }))
                .add(optionalBoolean("v3_checksum_as_v2", (i, v) -> i.v3ChecksumAsV2 = v))
                .add(words("garp_extra_if", 1, (i, v) -> i.garpExtraIf = v))
                .add(deprecated(words("vmac_garp_intvl", 1, (i, v) -> i.garpExtraIf = v), "garp_extra_if"))
                .add(words("timer_expired_backup", 0, (i, v) -> i.timerExpiredBackup = v))
                // keepalived's synonym, "to match the release notes"
                .add(words("thread_timer_expired", 0, (i, v) -> i.timerExpiredBackup = v))
                .add(words("old_unicast_checksum", 0, (i, v) -> {
                    i.oldUnicastChecksum = v;
                    i.unicastConfigured = true; // keepalived: a unicast keyword
                }))
                .add(flag("unicast_fault_no_peer", (i, at) -> {
                    i.unicastFaultNoPeer = at;
                    i.unicastConfigured = true; // keepalived: a unicast keyword
                }))
                .addAll(ProtocolGrammars.instance())
                .addAll(KernelGrammars.instance())
                .notImplemented("track_bfd",
                        "linkbeat_use_polling",
                        "lvs_sync_daemon_interface",
                        "auth_hmac");
    }

    private static BlockGrammar<Authentication> authentication() {
        return new BlockGrammar<Authentication>("authentication")
                .add(value("auth_type", Values.choice("PASS", "AH"), (a, v) -> a.type = v))
                .add(new AuthPass());
    }

    private static KeywordRule<Instance> notify(String keyword) {
        return NotifierGrammars.notifyScript(keyword, i -> i.notifyScripts);
    }

    /**
     * {@code notify_deleted [SCRIPT]}; without a script keepalived only switches the state the
     * other scripts are told for a deleted instance from FAULT to DELETED: written as an empty
     * {@code notifyDeleted}.
     */
    private static KeywordRule<Instance> notifyDeleted() {
        KeywordRule<Instance> script = notify("notify_deleted");
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return script.keyword();
            }

            @Override
            public void apply(Statement statement, Instance instance, ParseContext context) {
                if (statement.arguments().isEmpty() && !statement.hasBlock()) {
                    instance.notifyScripts.putIfAbsent("notify_deleted", new Builders.NotifyLine("notify_deleted", "",
                            java.util.List.of(), Optional.empty(), Optional.empty(), statement.location()));
                    return;
                }
                script.apply(statement, instance, context);
            }
        };
    }

    /** The extras block name of a unicast_peer's TTL range ("ADDR MIN MAX"). */
    static final String UNICAST_PEER_TTL = "unicast_peer_ttl";

    private static void unicastPeer(Instance instance, Statement line, ParseContext context) {
        instance.unicastConfigured = true;
        Optional<InetAddress> address = Values.parseAddress(line.name());
        if (address.isEmpty()) {
            context.error(line.location(), "invalid unicast_peer '" + line.name() + "': must be an IPv4 or IPv6 address");
            return;
        }
        // keepalived's defaults when only one bound is given: 0 and 255
        int minTtl = 0;
        int maxTtl = 255;
        boolean ttlGiven = false;
        for (int index = 0; index < line.arguments().size(); index++) {
            String option = line.arguments().get(index).text();
            if (option.equals("min_ttl") || option.equals("max_ttl")) {
                if (index + 1 >= line.arguments().size()) {
                    context.error(line.location(), "unicast_peer option '" + option + "' requires a value 0-255");
                    return;
                }
                String text = line.arguments().get(++index).text();
                int ttl;
                try {
                    ttl = Values.integer(0, 255).parse(text);
                } catch (InvalidValueException e) {
                    context.error(line.location(), "invalid unicast_peer " + option + " '" + text + "': " + e.getMessage());
                    return;
                }
                if (option.equals("min_ttl")) {
                    minTtl = ttl;
                } else {
                    maxTtl = ttl;
                }
                ttlGiven = true;
            } else {
                context.warning(line.location(), "unknown unicast_peer option '" + option + "'; ignored");
            }
        }
        if (ttlGiven) {
            if (minTtl > maxTtl) {
                context.error(line.location(), "unicast_peer " + line.name() + ": min_ttl " + minTtl
                        + " is greater than max_ttl " + maxTtl);
                return;
            }
            // as in keepalived, a TTL bound turns on check_unicast_src: it is checked with the source
            instance.switches.checkUnicastSrc = new Located<>(true, line.location());
            instance.extras.add(new StaticDef(UNICAST_PEER_TTL, address.get().getHostAddress() + " " + minTtl + " "
                    + maxTtl, line.location()));
        }
        instance.unicastPeers.add(new Located<>(address.get(), line.location()));
    }

    /** {@code track_process { NAME [weight N [reverse]] }} and the other tracker lists. */
    private static KeywordRule<Instance> trackList(String keyword) {
        return valueBlock(keyword, (instance, line, context) ->
                trackRef(keyword, line, context).ifPresent(instance.tracked::add));
    }

    private static void trackInterface(Instance instance, Statement line, ParseContext context) {
        try {
            Values.interfaceName().parse(line.name());
        } catch (InvalidValueException e) {
            context.error(line.location(), "invalid track_interface '" + line.name() + "': " + e.getMessage());
            return;
        }
        trackRef("track_interface", line, context).ifPresent(instance.trackInterfaces::add);
    }

    /** {@code virtual_routes}, {@code virtual_rules}: each line checked and normalised. */
    private static KeywordRule<Instance> extraLines(String keyword) {
        return valueBlock(keyword, (i, line, context) -> RouteLines.routeOrRule(keyword, line, context)
                .ifPresent(i.extras::add));
    }

    /** {@code NAME [weight N [reverse]]} in any track list; weights -253..253 as keepalived (254 clamped). */
    static Optional<TrackRef> trackRef(String list, Statement line, ParseContext context) {
        Optional<Integer> weight = Optional.empty();
        boolean reverse = false;
        var arguments = line.arguments();
        int index = 0;
        while (index < arguments.size()) {
            String option = arguments.get(index).text();
            if (option.equals("weight") && weight.isEmpty()) {
                if (index + 1 >= arguments.size()) {
                    context.error(line.location(), list + " '" + line.name() + "': 'weight' requires a value");
                    return Optional.empty();
                }
                String text = arguments.get(index + 1).text();
                try {
                    int value = Values.integer(-254, 254).parse(text);
                    if (Math.abs(value) == 254) {
                        context.warning(line.location(), list + " '" + line.name() + "': weight " + value
                                + " is out of range; using " + (value < 0 ? -253 : 253));
                        value = value < 0 ? -253 : 253;
                    }
                    weight = Optional.of(value);
                } catch (InvalidValueException e) {
                    context.error(line.location(), "invalid weight '" + text + "' for " + list + " '" + line.name()
                            + "': must be an integer between -253 and 253");
                    return Optional.empty();
                }
                index += 2;
            } else if (option.equals("reverse") && weight.isPresent() && !reverse) {
                reverse = true;
                index++;
            } else {
                context.warning(line.location(), "unknown " + list + " option '" + option + "' for '" + line.name()
                        + "'; ignored");
                index++;
            }
        }
        return Optional.of(new TrackRef(list, line.name(), weight, reverse, line.location()));
    }

    private static BlockGrammar<SyncGroup> syncGroup() {
        BlockGrammar<SyncGroup> grammar = new BlockGrammar<SyncGroup>("vrrp_sync_group").add(memberList());
        for (String keyword : java.util.List.of("notify_master", "notify_backup", "notify_fault", "notify_stop",
                "notify")) {
            grammar.add(NotifierGrammars.notifyScript(keyword, g -> g.notifyScripts));
        }
        grammar.add(optionalBoolean("smtp_alert", (g, v) -> g.smtpAlert = v));
        for (String keyword : java.util.List.of("global_tracking", "sync_group_tracking_weight")) {
            grammar.add(words(keyword, 0, (g, v) -> g.settings.put(keyword, String.join(" ", v.value()))));
        }
        grammar.add(optionalBoolean("notify_priority_changes", (g, v) -> g.notifyPriorityChanges = v));
        // keepalived adds a group's tracked checks to every member (vrrp.c, sync group set-up)
        for (String keyword : java.util.List.of("track_script", "track_process", "track_file")) {
            grammar.add(valueBlock(keyword, (g, line, context) -> trackRef(keyword, line, context)
                    .ifPresent(g.tracked::add)));
        }
        grammar.add(valueBlock("track_interface", (g, line, context) -> {
            try {
                Values.interfaceName().parse(line.name());
            } catch (InvalidValueException e) {
                context.error(line.location(), "invalid track_interface '" + line.name() + "': " + e.getMessage());
                return;
            }
            trackRef("track_interface", line, context).ifPresent(g.trackInterfaces::add);
        }));
        return grammar.notImplemented("track_bfd");
    }

    /** {@code group { VI_1 VI_2 }}: keepalived keeps the first list and ignores another one. */
    private static KeywordRule<SyncGroup> memberList() {
        KeywordRule<SyncGroup> lines = valueBlock("group", (g, line, context) -> {
            g.groupSeen = true;
            g.members.add(new Located<>(line.name(), line.location()));
            for (var word : line.arguments()) {
                g.members.add(new Located<>(word.text(), line.location()));
            }
        });
        return new KeywordRule<>() {
            @Override
            public String keyword() {
                return lines.keyword();
            }

            @Override
            public void apply(Statement statement, SyncGroup group, ParseContext context) {
                if (group.groupAt != null) {
                    context.warning(statement.location(), "'group' is already given at line " + group.groupAt.line()
                            + "; this one is ignored (keepalived keeps the first)");
                    return;
                }
                group.groupAt = statement.location();
                lines.apply(statement, group, context);
            }
        };
    }

    private static void trackScript(Instance instance, Statement line, ParseContext context) {
        Optional<TrackRef> ref = trackRef("track_script", line, context);
        ref.ifPresent(r -> {
            instance.tracked.add(r);
            instance.trackScripts.add(new TrackScriptRef(r.name(), r.weight(), r.reverse(), r.location()));
        });
    }

    /**
     * {@code mcast_src_ip ADDR} and {@code unicast_src_ip ADDR}: both set the one source address
     * (the last one given wins, as in keepalived); the latter also asks for unicast.
     */
    private static final class SourceAddress implements KeywordRule<Instance> {
        private final String keyword;
        private final boolean unicast;
        private final KeywordRule<Instance> rule;

        SourceAddress(String keyword, boolean unicast) {
            this.keyword = keyword;
            this.unicast = unicast;
            this.rule = value(keyword, Values.ipAddress(), (i, v) -> i.sourceAddress = v);
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public boolean singleValued() {
            return true;
        }

        @Override
        public void apply(Statement statement, Instance instance, ParseContext context) {
            if (unicast) {
                instance.unicastConfigured = true;
            }
            Located<InetAddress> before = instance.sourceAddress;
            String keywordBefore = instance.sourceAddressKeyword;
            rule.apply(statement, instance, context);
            if (instance.sourceAddress == before) {
                return;
            }
            if (before != null && !keyword.equals(keywordBefore)) {
                context.warning(statement.location(), "'" + keyword + "' replaces the source address set by '"
                        + keywordBefore + "' at line " + before.location().line() + "; the last one wins");
            }
            instance.sourceAddressKeyword = keyword;
        }
    }

    /** {@code auth_pass X}: keepalived truncates passwords longer than 8 characters, and so do we, loudly. */
    private static final class AuthPass implements KeywordRule<Authentication> {
        private final KeywordRule<Authentication> rule = value("auth_pass", Values.word(), (a, v) -> a.password = v);

        @Override
        public String keyword() {
            return rule.keyword();
        }

        @Override
        public boolean singleValued() {
            return true;
        }

        @Override
        public void apply(Statement statement, Authentication authentication, ParseContext context) {
            rule.apply(statement, authentication, context);
            Located<String> password = authentication.password;
            if (password != null && password.location().equals(statement.location())
                    && password.value().length() > AuthDef.MAX_PASSWORD_LENGTH) {
                context.warning(statement.location(), "auth_pass is longer than " + AuthDef.MAX_PASSWORD_LENGTH
                        + " characters; only the first " + AuthDef.MAX_PASSWORD_LENGTH + " are used");
                authentication.password = new Located<>(password.value().substring(0, AuthDef.MAX_PASSWORD_LENGTH),
                        password.location());
            }
        }
    }
}
