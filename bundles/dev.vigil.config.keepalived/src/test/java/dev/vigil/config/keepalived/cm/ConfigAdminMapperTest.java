package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.model.KeepalivedConfig;
import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;
import dev.vigil.config.keepalived.parser.SeedConfigs;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigAdminMapperTest {

    private final FakeConfigurationStore store = new FakeConfigurationStore();
    private final ConfigAdminMapper mapper = new ConfigAdminMapper(store);

    private static KeepalivedConfig valid(ParseResult result) {
        assertThat(result.valid()).as("%s", result.diagnostics()).isTrue();
        return result.config();
    }

    private static KeepalivedConfig config(String... lines) {
        return valid(KeepalivedParser.parse("t.conf", String.join("\n", lines)));
    }

    @Test
    void seedMasterBecomesOneFactoryConfigurationWithExactlyTheseProperties() throws IOException {
        KeepalivedConfig config = valid(KeepalivedParser.parse(SeedConfigs.MASTER));

        ConfigAdminMapper.ApplyResult result = mapper.apply(config);

        assertThat(result.instances().created()).containsExactly("VI_WAN");
        assertThat(store.configurations).containsOnlyKeys("vigil.instance~VI_WAN",
                "vigil.tracker.script~chk_haproxy", "vigil.tracker.script~chk_nginx");
        assertThat(result.trackers().created()).containsExactly("vigil.tracker.script~chk_haproxy",
                "vigil.tracker.script~chk_nginx");
        assertThat(store.propertiesOf("vigil.instance~VI_WAN")).containsOnly(
                entry("name", "VI_WAN"),
                entry("interfaceName", "ens160"),
                entry("virtualRouterId", 51),
                entry("version", 2),
                entry("priority", 100),
                entry("advertIntervalCentis", 100),
                entry("initialState", "MASTER"),
                entry("preempt", true),
                entry("preemptDelayCentis", 0),
                entry("virtualIpAddresses", new String[] {"192.168.10.100/32 dev ens160"}),
                entry("multicastGroup", "224.0.0.18"),
                entry("unicastPeers", new String[0]),
                entry("garpMasterDelaySeconds", 5),
                entry("garpMasterRepeat", 5),
                entry("garpMasterRefreshSeconds", 0),
                entry("garpMasterRefreshRepeat", 1),
                entry("skipCheckAdvertAddresses", false),
                entry("checkUnicastSource", false),
                entry("ownerIgnoresAdverts", false),
                entry("lowerPriorityNoAdvert", false),
                entry("higherPrioritySendAdvert", false),
                entry("garpLowerPriorityDelaySeconds", 5),
                entry("garpLowerPriorityRepeat", 5),
                entry("downTimerAdverts", 3),
                entry("garpIntervalMicros", 0),
                entry("gnaIntervalMicros", 0),
                entry("routerId", "192.168.10.11"),
                entry("trackers", new String[] {"chk_nginx kind=script weight=2"}),
                entry("trackInterfaces", new String[0]),
                entry("vigil.config.origin", SeedConfigs.MASTER + ":49"));
    }

    @Test
    void seedBackupBecomesTwoConfigurations() throws IOException {
        mapper.apply(valid(KeepalivedParser.parse(SeedConfigs.BACKUP)));

        assertThat(store.configurations).containsOnlyKeys("vigil.instance~VI_WAN", "vigil.instance~VI_LAN",
                "vigil.tracker.script~chk_haproxy", "vigil.tracker.script~chk_nginx");
        Map<String, Object> lan = store.propertiesOf("vigil.instance~VI_LAN");
        assertThat(lan).contains(
                entry("name", "VI_LAN"),
                entry("interfaceName", "ens192"),
                entry("virtualRouterId", 110),
                entry("priority", 99),
                entry("initialState", "MASTER"),
                entry("virtualIpAddresses", new String[] {"192.168.43.205/32 dev ens192"}),
                entry("vigil.config.origin", SeedConfigs.BACKUP + ":38"));
        assertThat(store.propertiesOf("vigil.instance~VI_WAN")).contains(
                entry("initialState", "BACKUP"),
                entry("priority", 99),
                entry("virtualIpAddresses", new String[] {"103.53.170.205/32 dev ens160"}));
    }

    @Test
    void optionalPropertiesAppearOnlyWhenConfigured() throws IOException {
        mapper.apply(config(
                "global_defs {",
                "    vrrp_mcast_group4 224.0.0.88",
                "}",
                "vrrp_instance VI_1 {",
                "    state BACKUP",
                "    interface eth0",
                "    virtual_router_id 42",
                "    priority 150",
                "    advert_int 2",
                "    nopreempt",
                "    preempt_delay 0.5",
                "    authentication {",
                "        auth_type PASS",
                "        auth_pass s3cret",
                "    }",
                "    virtual_ipaddress {",
                "        198.51.100.10/24 dev eth1 label eth1:vip",
                "        198.51.100.11 label eth0:1",
                "    }",
                "    unicast_src_ip 198.51.100.1",
                "    unicast_peer {",
                "        198.51.100.2",
                "    }",
                "    garp_master_delay 1",
                "    garp_master_repeat 2",
                "    garp_master_refresh 30",
                "    garp_master_refresh_repeat 4",
                "}"));

        assertThat(store.propertiesOf("vigil.instance~VI_1")).containsOnly(
                entry("name", "VI_1"),
                entry("interfaceName", "eth0"),
                entry("virtualRouterId", 42),
                entry("version", 2),
                entry("priority", 150),
                entry("advertIntervalCentis", 200),
                entry("initialState", "BACKUP"),
                entry("preempt", false),
                entry("preemptDelayCentis", 50),
                entry("authPass", "s3cret"),
                entry("virtualIpAddresses", new String[] {"198.51.100.10/24 dev eth1 label eth1:vip",
                        "198.51.100.11/32 dev eth0 label eth0:1"}),
                entry("multicastGroup", "224.0.0.88"),
                entry("sourceAddress", "198.51.100.1"),
                entry("unicastPeers", new String[] {"198.51.100.2"}),
                entry("garpMasterDelaySeconds", 1),
                entry("garpMasterRepeat", 2),
                entry("garpMasterRefreshSeconds", 30),
                entry("garpMasterRefreshRepeat", 4),
                entry("skipCheckAdvertAddresses", false),
                entry("checkUnicastSource", false),
                entry("ownerIgnoresAdverts", false),
                entry("lowerPriorityNoAdvert", false),
                entry("higherPrioritySendAdvert", false),
                // keepalived: the lower priority GARPs default to the global garp_master ones, not the instance's
                entry("garpLowerPriorityDelaySeconds", 5),
                entry("garpLowerPriorityRepeat", 5),
                entry("downTimerAdverts", 3),
                entry("garpIntervalMicros", 0),
                entry("gnaIntervalMicros", 0),
                entry("trackers", new String[0]),
                entry("trackInterfaces", new String[0]),
                entry("vigil.config.origin", "t.conf:4"));
    }

    @Test
    void ipv6InstancesUseTheIpv6Group() throws IOException {
        mapper.apply(config("vrrp_instance V6 {", "    interface eth0", "    virtual_router_id 9",
                "    virtual_ipaddress { fe80::1/64 }", "}"));

        assertThat(store.propertiesOf("vigil.instance~V6")).contains(
                entry("version", 3),
                entry("multicastGroup", "ff02::12"),
                entry("virtualIpAddresses", new String[] {"fe80::1/64 dev eth0"}));
    }

    @Test
    void reloadingAnUnchangedFileUpdatesNothing() throws IOException {
        KeepalivedConfig config = valid(KeepalivedParser.parse(SeedConfigs.BACKUP));
        mapper.apply(config);
        assertThat(store.updates).hasSize(4);

        ConfigAdminMapper.ApplyResult again = mapper.apply(valid(KeepalivedParser.parse(SeedConfigs.BACKUP)));

        assertThat(store.updates).hasSize(4);
        assertThat(again.trackers().unchanged()).hasSize(2);
        assertThat(store.deletes).isEmpty();
        assertThat(again.instances().unchanged()).containsExactlyInAnyOrder("VI_WAN", "VI_LAN");
        assertThat(again.instances().created()).isEmpty();
        assertThat(again.instances().updated()).isEmpty();
    }

    @Test
    void onlyTheChangedInstanceIsUpdated() throws IOException {
        String[] before = {
                "vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "    priority 100",
                "    virtual_ipaddress { 198.51.100.1 }", "}",
                "vrrp_instance B {", "    interface eth0", "    virtual_router_id 2", "    priority 100",
                "    virtual_ipaddress { 198.51.100.2 }", "}"};
        mapper.apply(config(before));
        store.updates.clear();

        String[] after = before.clone();
        after[9] = "    priority 120";
        ConfigAdminMapper.ApplyResult result = mapper.apply(config(after));

        assertThat(store.updates).containsExactly("vigil.instance~B");
        assertThat(result.instances().updated()).containsExactly("B");
        assertThat(result.instances().unchanged()).containsExactly("A");
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("priority", 120));
    }

    @Test
    void movingAnInstanceInTheFileIsNoChange() throws IOException {
        mapper.apply(config("vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "}"));
        store.updates.clear();

        ConfigAdminMapper.ApplyResult moved = mapper.apply(
                config("", "vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "}"));

        assertThat(store.updates).isEmpty();
        assertThat(moved.instances().unchanged()).containsExactly("A");
        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("vigil.config.origin", "t.conf:1"));

        mapper.apply(config("", "vrrp_instance A {", "    interface eth0", "    virtual_router_id 1",
                "    priority 90", "}"));
        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("vigil.config.origin", "t.conf:2"));
    }

    @Test
    void anInstanceRemovedFromTheFileIsDeleted() throws IOException {
        mapper.apply(valid(KeepalivedParser.parse(SeedConfigs.BACKUP)));
        store.updates.clear();

        ConfigAdminMapper.ApplyResult result = mapper.apply(valid(KeepalivedParser.parse(SeedConfigs.MASTER)));

        assertThat(result.instances().deleted()).containsExactly("VI_LAN");
        assertThat(store.deletes).containsExactly("vigil.instance~VI_LAN");
        assertThat(store.configurations).containsOnlyKeys("vigil.instance~VI_WAN",
                "vigil.tracker.script~chk_haproxy", "vigil.tracker.script~chk_nginx");
        assertThat(result.instances().updated()).containsExactly("VI_WAN");
        assertThat(result.trackers().unchanged()).hasSize(2);
    }

    private static final String[] MAIL = {"global_defs {", "    notification_email { ops@example.org }",
            "    smtp_server 203.0.113.25", "    smtp_alert", "}"};

    @Test
    void changingOneNotifyScriptUpdatesOnlyItsConfiguration() throws IOException {
        mapper.apply(config(lines(MAIL, instance("A", 1, "    notify_master /usr/local/bin/a.sh"),
                instance("B", 2, "    notify_backup /usr/local/bin/b.sh"))));
        store.updates.clear();

        ConfigAdminMapper.ApplyResult result = mapper.apply(config(lines(MAIL,
                instance("A", 1, "    notify_master /usr/local/bin/a.sh"),
                instance("B", 2, "    notify_backup \"/usr/local/bin/b.sh --quiet\""))));

        assertThat(store.updates).containsExactly("vigil.notify.script~instance.B");
        assertThat(result.notifiers().updated()).containsExactly("vigil.notify.script~instance.B");
        assertThat(result.notifiers().unchanged()).containsExactly("vigil.notify.script~instance.A",
                "vigil.notify.smtp~default");
        assertThat(result.instances().unchanged()).containsExactly("A", "B");
        assertThat(store.propertiesOf("vigil.notify.script~instance.B"))
                .contains(entry("notifyBackupArgv", new String[] {"/usr/local/bin/b.sh", "--quiet"}));
    }

    @Test
    void removingAnInstanceDeletesItFirstAwaitsItsRouterAndOnlyThenChangesItsNotifiers() throws IOException {
        ConfigAdminMapper waiting = new ConfigAdminMapper(store, names -> store.events.add("await " + names));
        waiting.apply(config(lines(MAIL, instance("A", 1, "    notify_master /usr/local/bin/a.sh"), instance("B", 2),
                new String[] {"vigil_webhook ops {", "    url https://203.0.113.80/hook", "}"})));
        store.events.clear();

        ConfigAdminMapper.ApplyResult result = waiting.apply(config(lines(MAIL, instance("B", 2),
                new String[] {"vigil_webhook ops {", "    url https://203.0.113.80/hook", "}"})));

        // A's DELETED can still reach its script and the mail notifier, whose scope loses A only afterwards
        assertThat(store.events).containsExactly(
                "delete vigil.instance~A",
                "await [A]",
                "update vigil.notify.smtp~default",
                "delete vigil.notify.script~instance.A");
        assertThat(result.instances().deleted()).containsExactly("A");
        assertThat(result.notifiers().deleted()).containsExactly("vigil.notify.script~instance.A");
        assertThat(result.notifiers().unchanged()).containsExactly("vigil.notify.webhook~ops");
        assertThat(store.propertiesOf("vigil.notify.smtp~default"))
                .contains(entry("vigil.notify.scope", new String[] {"instance:B"}));
    }

    @Test
    void nothingIsAwaitedWhenNoInstanceLeftTheFile() throws IOException {
        ConfigAdminMapper waiting = new ConfigAdminMapper(store, names -> store.events.add("await " + names));
        waiting.apply(config(lines(MAIL, instance("A", 1, "    notify_master /usr/local/bin/a.sh"))));

        waiting.apply(config(lines(MAIL, instance("A", 1))));

        assertThat(store.events).doesNotContain("await []").noneMatch(e -> e.startsWith("await"))
                .endsWith("delete vigil.notify.script~instance.A");
    }

    @Test
    void mcastDstIpIsTheInstancesGroupAndNativeIpv6MakesAnIpv6Instance() throws IOException {
        mapper.apply(config(lines(instance("A", 1, "    mcast_dst_ip 224.0.0.42"),
                new String[] {"vrrp_instance B {", "    interface eth0", "    virtual_router_id 2", "    native_ipv6",
                        "    virtual_ipaddress { 2001:db8::2 }", "}"},
                new String[] {"vrrp_instance C {", "    interface eth0", "    virtual_router_id 3",
                        "    mcast_dst_ip ff02::1:12", "    virtual_ipaddress { 2001:db8::3 }", "}"})));

        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("multicastGroup", "224.0.0.42"),
                entry("version", 2));
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("multicastGroup", "ff02::12"),
                entry("version", 3));
        assertThat(store.propertiesOf("vigil.instance~C")).contains(entry("multicastGroup", "ff02::1:12"));
    }

    @Test
    void dontTrackPrimaryAndUnicastFaultNoPeerAreWrittenOnlyWhenGiven() throws IOException {
        mapper.apply(config(lines(instance("A", 1, "    dont_track_primary"),
                instance("B", 2, "    unicast_fault_no_peer"), instance("C", 3))));

        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("trackInterface", false))
                .doesNotContainKey("faultWithoutUnicastPeers");
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("faultWithoutUnicastPeers", true))
                .doesNotContainKey("trackInterface");
        assertThat(store.propertiesOf("vigil.instance~C")).doesNotContainKeys("trackInterface",
                "faultWithoutUnicastPeers");
    }

    @Test
    void checksumSwitchesAreWrittenOnlyWhenGivenAndTheInstanceWinsOverGlobalDefs() throws IOException {
        mapper.apply(config(lines(new String[] {"global_defs {", "    v3_checksum_as_v2", "}"},
                instance("A", 1, "    version 3"), instance("B", 2, "    version 3", "    v3_checksum_as_v2 false",
                        "    unicast_peer { 198.51.100.9 }", "    old_unicast_checksum"),
                instance("C", 3, "    unicast_peer { 198.51.100.9 }", "    old_unicast_checksum never"))));

        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("v3ChecksumAsV2", true))
                .doesNotContainKey("oldUnicastChecksum");
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("oldUnicastChecksum", "always"))
                .doesNotContainKey("v3ChecksumAsV2");
        assertThat(store.propertiesOf("vigil.instance~C")).contains(entry("oldUnicastChecksum", "never"),
                entry("v3ChecksumAsV2", true));
    }

    @Test
    void timerExpiredBackupNeedsNopreemptAndDefaultsTo254() throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines(
                instance("A", 1, "    nopreempt", "    timer_expired_backup"),
                instance("B", 2, "    nopreempt", "    thread_timer_expired 200"),
                instance("C", 3, "    timer_expired_backup 200"))));
        mapper.apply(valid(result));

        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("timerExpiredBackupPriority", 254));
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("timerExpiredBackupPriority", 200));
        assertThat(store.propertiesOf("vigil.instance~C")).doesNotContainKey("timerExpiredBackupPriority");
        assertThat(result.diagnostics()).extracting(Object::toString).contains(
                "t.conf:19: warning: vrrp_instance C: timer_expired_backup requires nopreempt; ignored");
    }

    @Test
    void garpExtraIfListsTheVmacsOfAddressesThatSendNoAdvertsOrEveryOtherInterfaceWithAll() throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines(
                new String[] {"global_defs {", "    vrrp_garp_extra_if 120", "}"},
                instance("A", 1, "    use_vmac", "    vmac_xmit_base"),
                instance("B", 2, "    virtual_ipaddress_excluded { 203.0.113.2/24 dev vrrp.1 }",
                        "    virtual_ipaddress_excluded { 203.0.113.3/24 dev eth1 }"),
                instance("C", 3, "    vmac_garp_intvl all 60",
                        "    virtual_ipaddress_excluded { 203.0.113.4/24 dev eth1 }"),
                instance("D", 4))));
        mapper.apply(valid(result));

        // A: its own VMAC, since with vmac_xmit_base its adverts leave from eth0
        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("garpExtraInterfaceSeconds", 120),
                entry("garpExtraInterfaces", new String[] {"vrrp.1"}));
        // B: A's VMAC only (eth1 is no VMAC)
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("garpExtraInterfaces", new String[] {"vrrp.1"}));
        assertThat(store.propertiesOf("vigil.instance~C")).contains(entry("garpExtraInterfaceSeconds", 60),
                entry("garpExtraInterfaces", new String[] {"eth1"}));
        // D: nothing but its own interface: nothing to refresh
        assertThat(store.propertiesOf("vigil.instance~D")).doesNotContainKeys("garpExtraInterfaceSeconds",
                "garpExtraInterfaces");
        assertThat(result.diagnostics()).extracting(Object::toString)
                .contains("t.conf:22: warning: 'vmac_garp_intvl' is deprecated, please use 'garp_extra_if'");
    }

    @Test
    void noVirtualIpaddressAllowsAnInstanceWithoutVipsExceptInStrictMode() throws IOException {
        mapper.apply(config("vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "    version 3",
                "    no_virtual_ipaddress", "}"));
        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("virtualIpAddresses", new String[0]),
                entry("version", 3));

        ParseResult strict = KeepalivedParser.parse("t.conf", String.join("\n", "vrrp_instance B {",
                "    interface eth0", "    virtual_router_id 2", "    strict_mode", "    no_virtual_ipaddress", "}"));
        assertThat(strict.diagnostics()).extracting(Object::toString).containsExactlyInAnyOrder(
                "t.conf:5: warning: vrrp_instance B: no_virtual_ipaddress and strict mode incompatible, clearing "
                        + "no_virtual_ipaddress",
                "t.conf:1: error: vrrp_instance B: no virtual_ipaddress; strict mode requires at least one");
    }

    @Test
    void aSyncGroupsTrackListsAreTrackedByEveryMember() throws IOException {
        mapper.apply(config(lines(new String[] {"vrrp_script chk { script \"/bin/true\" }",
                        "track_file flag { file /run/flag }"},
                instance("A", 1, "    track_interface { eth1 weight -20 }"), instance("B", 2),
                new String[] {"vrrp_sync_group G {", "    group { A B }", "    track_script { chk weight 5 }",
                        "    track_file { flag weight -10 }", "    track_interface { eth2 }", "    sync_group_tracking_weight",
                        "}"})));

        for (String member : new String[] {"vigil.instance~A", "vigil.instance~B"}) {
            assertThat(store.propertiesOf(member)).contains(
                    entry("trackers", new String[] {"chk kind=script weight=5", "flag kind=file weight=-10"}));
        }
        assertThat(store.propertiesOf("vigil.instance~A"))
                .contains(entry("trackInterfaces", new String[] {"eth1 weight=-20", "eth2"}));
        assertThat(store.propertiesOf("vigil.instance~B")).contains(entry("trackInterfaces", new String[] {"eth2"}));
    }

    @Test
    void aSyncGroupsWeightedTrackingIsClearedWhenAMemberIsAddressOwner() {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines(
                new String[] {"vrrp_script chk { script \"/bin/true\" }"},
                instance("A", 1, "    priority 255"), instance("B", 2),
                new String[] {"vrrp_sync_group G {", "    group { A B }", "    track_script { chk weight 5 }", "}"})));

        assertThat(result.diagnostics()).extracting(Object::toString).contains("t.conf:15: warning: vrrp_sync_group G: "
                + "cannot have weighted script 'chk' with a member having priority 255; weight cleared");
        assertThat(result.config().instances()).allSatisfy(i -> assertThat(i.tracked())
                .singleElement().satisfies(ref -> assertThat(ref.weight()).contains(0)));
    }

    @Test
    void syncGroupsAreWrittenBeforeTheirInstancesAndDeletedBeforeAnyInstanceChanges() throws IOException {
        mapper.apply(config(lines(instance("A", 1), instance("B", 2), instance("C", 3),
                new String[] {"vrrp_sync_group G { group { A B } }"})));
        assertThat(store.events).containsSubsequence("update vigil.syncgroup~G", "update vigil.instance~A");
        assertThat(store.propertiesOf("vigil.syncgroup~G")).containsOnly(entry("name", "G"),
                entry("instances", new String[] {"A", "B"}), entry("vigil.config.origin", "t.conf:16"));
        store.events.clear();

        ConfigAdminMapper.ApplyResult result = mapper.apply(config(lines(instance("A", 1), instance("B", 2),
                instance("C", 3, "    priority 90"), new String[] {"vrrp_sync_group H { group { B C } }"})));

        assertThat(store.events).containsExactly("delete vigil.syncgroup~G", "update vigil.syncgroup~H",
                "update vigil.instance~C");
        assertThat(result.syncGroups().deleted()).containsExactly("vigil.syncgroup~G");
        assertThat(result.syncGroups().created()).containsExactly("vigil.syncgroup~H");
        assertThat(result.toString()).isEqualTo("0 created, 1 updated, 2 unchanged, 0 deleted; "
                + "sync groups: 1 created, 0 updated, 0 unchanged, 1 deleted");
    }

    @Test
    void configurationsOfOtherFactoriesAreLeftAlone() throws IOException {
        store.factoryConfiguration("vigil.shell", "telnet").update(Map.of("port", 2323));

        mapper.apply(config("vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "}"));
        mapper.apply(config("global_defs {", "    router_id x", "}"));

        assertThat(store.configurations).containsOnlyKeys("vigil.shell~telnet");
        assertThat(store.deletes).containsExactly("vigil.instance~A");
    }

    @Test
    void trackersThatLeftTheFileAreDeletedWhateverTheirKind() throws IOException {
        mapper.apply(config("vrrp_track_plugin dns1 {", "    kind dns", "    param server 198.51.100.53", "}",
                "vrrp_track_tcp db {", "    connect_ip 198.51.100.7", "    connect_port 5432", "}",
                "vrrp_instance A {", "    interface eth0", "    virtual_router_id 1",
                "    track_script {", "        dns1 weight -10", "        db", "    }", "}"));
        assertThat(store.configurations).containsOnlyKeys("vigil.tracker.dns~dns1", "vigil.tracker.tcp~db",
                "vigil.instance~A");
        assertThat(store.propertiesOf("vigil.instance~A")).contains(entry("trackers",
                new String[] {"dns1 kind=dns weight=-10", "db kind=tcp weight=0"}));

        ConfigAdminMapper.ApplyResult result = mapper.apply(config("vrrp_instance A {", "    interface eth0",
                "    virtual_router_id 1", "}"));

        assertThat(result.trackers().deleted()).containsExactlyInAnyOrder("vigil.tracker.dns~dns1", "vigil.tracker.tcp~db");
        assertThat(result.instances().updated()).containsExactly("A");
        assertThat(store.configurations).containsOnlyKeys("vigil.instance~A");
    }

    @Test
    void aFileInstallConfigurationWinsAndIsNeverDeleted() throws IOException {
        store.factoryConfiguration("vigil.instance", "B").update(Map.of("name", "B", "priority", 50,
                "felix.fileinstall.filename", "file:/etc/vigil/deploy/vigil.instance-B.cfg"));
        Map<String, Object> before = store.propertiesOf("vigil.instance~B");

        ConfigAdminMapper.ApplyResult first = mapper.apply(config(
                "vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "}",
                "vrrp_instance B {", "    interface eth0", "    virtual_router_id 2", "    priority 200", "}"));
        ConfigAdminMapper.ApplyResult second = mapper.apply(config(
                "vrrp_instance A {", "    interface eth0", "    virtual_router_id 1", "}"));

        assertThat(first.overridden()).containsExactly("vigil.instance~B");
        assertThat(first.instances().created()).containsExactly("A");
        assertThat(second.instances().deleted()).isEmpty();
        assertThat(store.propertiesOf("vigil.instance~B")).isEqualTo(before);
    }

    @Test
    void propertiesAddedByConfigurationAdminDoNotCountAsChanges() {
        Map<String, Object> wanted = Map.of("name", "A", "unicastPeers", new String[] {"198.51.100.2"});
        Map<String, Object> stored = Map.of("name", "A", "unicastPeers", new String[] {"198.51.100.2"},
                "service.pid", "vigil.instance~A", "service.factoryPid", "vigil.instance");

        assertThat(ConfigAdminMapper.sameProperties(stored, wanted)).isTrue();
        assertThat(ConfigAdminMapper.sameProperties(Map.of("name", "A"), wanted)).isFalse();
        assertThat(ConfigAdminMapper.sameProperties(Map.of("name", "A", "unicastPeers", new String[0]), wanted)).isFalse();
    }
}
