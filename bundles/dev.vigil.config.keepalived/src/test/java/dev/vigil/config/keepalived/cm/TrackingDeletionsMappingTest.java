package dev.vigil.config.keepalived.cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

/**
 * keepalived's tracking of its addresses, routes and rules in ConfigAdmin: {@code no_track} kept
 * in the normalised lines, {@code track_group} blocks turned into weight 0 track_interface
 * entries of their member instances for the interface of each static entry naming the group.
 */
class TrackingDeletionsMappingTest {

    private final FakeConfigurationStore store = new FakeConfigurationStore();
    private final ConfigAdminMapper mapper = new ConfigAdminMapper(store);

    private static String instance(String name, String ifname, int vrid, String... extra) {
        return String.join("\n", "vrrp_instance " + name + " {", "    interface " + ifname,
                "    virtual_router_id " + vrid, "    virtual_ipaddress {", "        198.51.100." + vrid + "/24",
                "    }", String.join("\n", extra), "}");
    }

    private static ParseResult parse(String... lines) {
        return KeepalivedParser.parse("t.conf", String.join("\n", lines));
    }

    @Test
    void noTrackStaysOnVipsRoutesRulesAndStaticLines() throws IOException {
        ParseResult result = parse(instance("VI_1", "eth0", 51,
                        "    virtual_ipaddress_excluded {", "        203.0.113.50/24 dev eth1 no_track", "    }",
                        "    virtual_routes {", "        198.51.100.128/25 via 203.0.113.1 no_track", "    }",
                        "    virtual_rules {", "        from 203.0.113.0/24 table 10 priority 100 no_track", "    }"),
                "static_ipaddress {", "    203.0.113.9/24 dev eth1 no_track", "}",
                "static_routes {", "    198.51.100.0/26 dev eth1 no_track", "}");
        assertThat(result.errors()).isEmpty();
        mapper.apply(result.config());

        assertThat(store.propertiesOf("vigil.instance~VI_1")).contains(
                entry("excludedIpAddresses", new String[] {"203.0.113.50/24 dev eth1 no_track"}),
                entry("virtualRoutes", new String[] {"198.51.100.128/25 via 203.0.113.1 no_track"}),
                entry("virtualRules", new String[] {"from 203.0.113.0/24 priority 100 table 10 no_track"}));
        assertThat(store.propertiesOf("vigil.static~default")).contains(
                entry("staticIpAddresses", new String[] {"203.0.113.9/24 dev eth1 no_track"}),
                entry("staticRoutes", new String[] {"198.51.100.0/26 dev eth1 no_track"}));
    }

    @Test
    void aTrackGroupsMembersTrackTheInterfacesOfItsStaticEntriesWithWeightZero() throws IOException {
        ParseResult result = parse(instance("VI_1", "eth0", 51), instance("VI_2", "eth0", 52,
                        "    track_interface {", "        eth2 weight 10", "    }"),
                "track_group TG1 {", "    group {", "        VI_1 VI_2", "    }", "}",
                "static_ipaddress {", "    203.0.113.9/24 dev eth1 track_group TG1", "}",
                "static_routes {", "    198.51.100.0/26 dev eth2 track_group TG1", "}",
                "static_rules {", "    iif eth0 priority 7 table 10 track_group TG1", "}");
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        mapper.apply(result.config());

        // eth0 is their own interface, eth2 VI_2 tracks already with its own weight
        assertThat(store.propertiesOf("vigil.instance~VI_1")).contains(
                entry("trackInterfaces", new String[] {"eth1 weight=0", "eth2 weight=0"}));
        assertThat(store.propertiesOf("vigil.instance~VI_2")).contains(
                entry("trackInterfaces", new String[] {"eth2 weight=10", "eth1 weight=0"}));
        assertThat(store.propertiesOf("vigil.static~default")).contains(
                entry("staticIpAddresses", new String[] {"203.0.113.9/24 dev eth1"}),
                entry("staticRoutes", new String[] {"198.51.100.0/26 dev eth2"}),
                entry("staticRules", new String[] {"iif eth0 priority 7 table 10"}));
    }

    @Test
    void keepalivedsDiagnosticsForTrackGroups() {
        ParseResult result = parse(instance("VI_1", "eth0", 51),
                "static_ipaddress {", "    203.0.113.9/24 dev eth1 track_group LATER", "}",
                "track_group LATER {", "    group {", "        VI_1 VI_9", "    }", "}",
                "track_group LATER {", "    group {", "        VI_1", "    }", "}",
                "track_group EMPTY {", "}",
                "static_routes {", "    198.51.100.0/26 via 203.0.113.1 track_group LATER",
                "    198.51.100.64/26 dev eth1 no_track track_group LATER", "}",
                "static_rules {", "    from 203.0.113.0/24 priority 8 table 10 track_group LATER", "}");

        assertThat(result.errors()).map(Object::toString).containsExactly(
                "t.conf:10: error: static_ipaddress: track_group LATER not found (a track_group block must come before"
                        + " the lines that name it)",
                "t.conf:17: error: track_group LATER already defined",
                "t.conf:22: error: Static track group EMPTY has no members - removing",
                "t.conf:25: error: Static route cannot have track_group if interface not specified");
        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "t.conf:14: warning: vrrp instance VI_9 specified in track group LATER doesn't exist - ignoring",
                "t.conf:26: warning: Static route has both track_group and no_track set - not tracking",
                "t.conf:29: warning: static rule with track_group LATER has no iif: there is no interface for the "
                        + "group's instances to track");
    }

    @Test
    void trackGroupOnAVirtualAddressIsWarnedAboutAndIgnored() {
        ParseResult result = parse(instance("VI_1", "eth0", 51, "    virtual_ipaddress_excluded {",
                "        203.0.113.50/24 dev eth1 track_group TG1", "    }"));
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).map(Object::toString).containsExactly(
                "t.conf:8: warning: track_group is for static_ipaddress only; ignored for 203.0.113.50/24");
    }
}
