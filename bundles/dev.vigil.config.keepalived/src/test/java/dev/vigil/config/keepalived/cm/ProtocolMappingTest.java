package dev.vigil.config.keepalived.cm;

import static dev.vigil.config.keepalived.cm.ConfText.instance;
import static dev.vigil.config.keepalived.cm.ConfText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * keepalived's protocol switches on {@code vigil.instance~NAME}: written resolved (the instance's
 * keyword, else strict mode's value, else global_defs', else keepalived's default).
 */
class ProtocolMappingTest {

    private static final List<String> KEYS = List.of("skipCheckAdvertAddresses", "checkUnicastSource",
            "ownerIgnoresAdverts", "lowerPriorityNoAdvert", "higherPrioritySendAdvert", "garpLowerPriorityDelaySeconds",
            "garpLowerPriorityRepeat", "downTimerAdverts", "garpIntervalMicros", "gnaIntervalMicros");

    private final FakeConfigurationStore store = new FakeConfigurationStore();

    private ParseResult apply(String... lines) throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", lines));
        assertThat(result.valid()).as("%s", result.diagnostics()).isTrue();
        new ConfigAdminMapper(store).apply(result.config());
        return result;
    }

    /** The protocol properties of one instance, in contract order. */
    private Map<String, Object> protocol(String name) {
        Map<String, Object> all = store.propertiesOf("vigil.instance~" + name);
        Map<String, Object> selected = new LinkedHashMap<>();
        KEYS.forEach(k -> selected.put(k, all.get(k)));
        return selected;
    }

    private static Map<String, Object> expected(Object... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            map.put(KEYS.get(i), values[i]);
        }
        return map;
    }

    @Test
    void withoutAnyKeywordKeepalivedsDefaults() throws IOException {
        apply(instance("VI_1", 1));

        assertThat(protocol("VI_1")).isEqualTo(expected(false, false, false, false, false, 5, 5, 3, 0, 0));
    }

    @Test
    void globalDefaultsApplyAndTheInstancesOwnKeywordsWin() throws IOException {
        apply(lines(new String[] {
                "global_defs {",
                "    vrrp_skip_check_adv_addr",
                "    vrrp_check_unicast_src",
                "    vrrp_lower_prio_no_advert",
                "    vrrp_higher_prio_send_advert true",
                "    vrrp_garp_master_delay 7",
                "    vrrp_garp_master_repeat 3",
                "    vrrp_down_timer_adverts 4",
                "    vrrp_garp_interval 0.002",
                "    vrrp_gna_interval 0.0005",
                "}"},
                instance("GLOBAL", 1),
                instance("OWN", 2, "    skip_check_adv_addr false", "    lower_prio_no_advert off",
                        "    higher_prio_send_advert no", "    garp_lower_prio_delay 0", "    garp_lower_prio_repeat 1",
                        "    down_timer_adverts 10")));

        // the lower priority GARPs default to the global garp_master ones
        assertThat(protocol("GLOBAL")).isEqualTo(expected(true, true, false, true, true, 7, 3, 4, 2000, 500));
        assertThat(protocol("OWN")).isEqualTo(expected(false, true, false, false, false, 0, 1, 10, 2000, 500));
    }

    @Test
    void globalLowerPriorityGarpSettingsOverrideTheGarpMasterOnes() throws IOException {
        apply(lines(new String[] {"global_defs {", "    vrrp_garp_master_repeat 3", "    vrrp_garp_lower_prio_repeat 0",
                "    vrrp_garp_lower_prio_delay 9", "}"}, instance("VI_1", 1)));

        assertThat(protocol("VI_1")).containsEntry("garpLowerPriorityRepeat", 0)
                .containsEntry("garpLowerPriorityDelaySeconds", 9);
    }

    @Test
    void vrrpMinGarpLeavesOneGarpAndNoSecondBurstUnlessSetAfterIt() throws IOException {
        apply(lines(new String[] {"global_defs {", "    vrrp_min_garp", "}"}, instance("VI_1", 1)));
        assertThat(store.propertiesOf("vigil.instance~VI_1")).contains(entry("garpMasterRepeat", 1),
                entry("garpMasterDelaySeconds", 0), entry("garpLowerPriorityRepeat", 1),
                entry("garpLowerPriorityDelaySeconds", 0));

        apply(lines(new String[] {"global_defs {", "    vrrp_min_garp", "    vrrp_garp_master_repeat 4", "}"},
                instance("VI_1", 1)));
        assertThat(store.propertiesOf("vigil.instance~VI_1")).contains(entry("garpMasterRepeat", 4),
                entry("garpMasterDelaySeconds", 0), entry("garpLowerPriorityRepeat", 4));

        apply(lines(new String[] {"global_defs {", "    vrrp_garp_master_repeat 4", "    vrrp_min_garp", "}"},
                instance("VI_1", 1)));
        assertThat(store.propertiesOf("vigil.instance~VI_1")).contains(entry("garpMasterRepeat", 4));
    }

    @Test
    void aGarpGroupPacesTheInstancesOnItsInterfacesAndTheGlobalIntervalsTheRest() throws IOException {
        ParseResult result = apply(lines(new String[] {"global_defs {", "    vrrp_garp_interval 0.001",
                "    vrrp_gna_interval 0.002", "}",
                "garp_group {", "    garp_interval 0.01", "    interfaces {", "        eth1", "    }", "}",
                "garp_group {", "    gna_interval 0.5", "    interface eth1", "}",
                "garp_group {", "    garp_interval 1", "}",
                "vrrp_instance ON_ETH1 {", "    interface eth1", "    virtual_router_id 7",
                "    virtual_ipaddress { 198.51.100.7 }", "}"}, instance("ON_ETH0", 1)));

        assertThat(protocol("ON_ETH1").get("garpIntervalMicros")).isEqualTo(10_000);
        assertThat(protocol("ON_ETH1").get("gnaIntervalMicros")).as("the group has none: the global one").isEqualTo(2_000);
        assertThat(protocol("ON_ETH0").get("garpIntervalMicros")).isEqualTo(1_000);
        assertThat(protocol("ON_ETH0").get("gnaIntervalMicros")).isEqualTo(2_000);
        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "t.conf:13: warning: interface eth1 is already in the garp_group at line 8; this one is ignored",
                "t.conf:15: warning: garp_group has no interface; ignored");
    }

    @Test
    void strictModeSetsItsRunTimeValues() throws IOException {
        apply(lines(new String[] {"global_defs {", "    vrrp_strict", "    vrrp_higher_prio_send_advert",
                "    vrrp_garp_lower_prio_repeat 2", "}"},
                instance("BACKUP_1", 1, "    priority 100"),
                instance("OWNER", 2, "    state MASTER", "    priority 255"),
                instance("LAX", 3, "    strict_mode off", "    unicast_peer { 198.51.100.200 }",
                        "    unicast_src_ip 198.51.100.1")));

        // strict: no answer to lower adverts, no advert to higher ones, no lower-priority GARPs
        assertThat(protocol("BACKUP_1")).isEqualTo(expected(false, false, false, true, false, 0, 0, 3, 0, 0));
        // strict with priority 255: the owner ignores adverts
        assertThat(protocol("OWNER")).isEqualTo(expected(false, false, true, true, false, 0, 0, 3, 0, 0));
        // strict_mode off wins over vrrp_strict: the global values
        assertThat(protocol("LAX")).isEqualTo(expected(false, false, false, false, true, 5, 2, 3, 0, 0));
    }

    @Test
    void checkUnicastSrcAlsoComesWithMinOrMaxTtl() throws IOException {
        ParseResult result = apply(instance("VI_1", 1, "    unicast_src_ip 198.51.100.1",
                "    unicast_peer { 198.51.100.2 min_ttl 250 }"), new String[0]);

        assertThat(protocol("VI_1")).containsEntry("checkUnicastSource", true);
        assertThat(store.propertiesOf("vigil.instance~VI_1"))
                .containsEntry("unicastPeerTtls", new String[] {"198.51.100.2 250 255"});
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aPeersTtlRangeMustBeARange() throws IOException {
        ParseResult result = KeepalivedParser.parse("t.conf", String.join("\n", instance("VI_1", 1,
                "    unicast_src_ip 198.51.100.1", "    unicast_peer { 198.51.100.2 min_ttl 70 max_ttl 60 }",
                "    unicast_peer { 198.51.100.3 max_ttl 300 }")));

        assertThat(result.errors()).map(Object::toString).containsExactly(
                "t.conf:6: error: unicast_peer 198.51.100.2: min_ttl 70 is greater than max_ttl 60",
                "t.conf:7: error: invalid unicast_peer max_ttl '300': must be an integer between 0 and 255");
    }

    @Test
    void ownerIgnoreAdvertsOnlyMeansSomethingForAnOwner() throws IOException {
        ParseResult result = apply(lines(instance("OWNER", 1, "    priority 255", "    owner_ignore_adverts"),
                instance("OTHER", 2, "    owner_ignore_adverts")));

        assertThat(protocol("OWNER")).containsEntry("ownerIgnoresAdverts", true);
        assertThat(protocol("OTHER")).containsEntry("ownerIgnoresAdverts", false);
        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "t.conf:12: warning: vrrp_instance OTHER: ignoring owner_ignore_adverts since priority is not 255");
    }

    @Test
    void noAcceptIsWrittenForExplicitNoAcceptAndStrictModeAndTheFirewallWithKeepalivedsDefaults()
            throws IOException {
        ParseResult result = apply(lines(new String[] {"global_defs {", "    vrrp_strict", "}"},
                instance("STRICT", 1, "    version 3"),
                instance("EXPLICIT", 2, "    strict_mode off", "    no_accept"),
                instance("ACCEPTING", 3, "    version 3", "    accept"),
                instance("OWNER", 4, "    priority 255")));

        assertThat(result.warnings()).isEmpty();
        assertThat(store.propertiesOf("vigil.instance~STRICT")).containsEntry("noAccept", true);
        assertThat(store.propertiesOf("vigil.instance~EXPLICIT")).containsEntry("noAccept", true);
        assertThat(store.propertiesOf("vigil.instance~ACCEPTING")).doesNotContainKey("noAccept");
        // the engine never blocks for the address owner; the property says what the file says
        assertThat(store.propertiesOf("vigil.instance~OWNER")).containsEntry("noAccept", true);
        assertThat(store.propertiesOf("vigil.firewall.nftables~default")).containsExactly(entry("table", "keepalived"),
                entry("priority", -1), entry("counters", false), entry("ifindex", true),
                entry("vigil.config.origin", "t.conf:4"));
    }

    @Test
    void withoutNoAcceptOrAnNftablesKeywordThereIsNoFirewallConfiguration() throws IOException {
        apply(instance("VI_1", 1));

        assertThat(store.propertiesOf("vigil.instance~VI_1")).doesNotContainKey("noAccept");
        assertThat(store.configurations).doesNotContainKey("vigil.firewall.nftables~default");
    }

    @Test
    void garpIntervalsAreMicrosecondsWithKeepalivedsWarningWhenVeryLarge() throws IOException {
        ParseResult result = apply(lines(new String[] {"global_defs {", "    vrrp_garp_interval 1.5",
                "    vrrp_gna_interval 0.0000014", "}"}, instance("VI_1", 1)));

        assertThat(protocol("VI_1")).containsEntry("garpIntervalMicros", 1_500_000).containsEntry("gnaIntervalMicros", 1);
        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "t.conf:2: warning: The vrrp_garp_interval is very large - 1.5 seconds",
                "t.conf:3: warning: vrrp_gna_interval 0.0000014 is finer than 1 microsecond; rounded to 0.000001");
    }

    private ParseResult apply(String[] first, String[] second) throws IOException {
        return apply(lines(first, second));
    }
}
