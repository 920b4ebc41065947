package dev.vigil.config.keepalived.cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.config.keepalived.parser.KeepalivedParser;
import dev.vigil.config.keepalived.parser.ParseResult;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** virtual_ipaddress_excluded, virtual_routes, virtual_rules and the static blocks in ConfigAdmin. */
class RoutingMappingTest {

    private final FakeConfigurationStore store = new FakeConfigurationStore();
    private final ConfigAdminMapper mapper = new ConfigAdminMapper(store);

    private static final String INSTANCE_HEAD = String.join("\n",
            "vrrp_instance VI_1 {",
            "    interface eth0",
            "    virtual_router_id 51",
            "    virtual_ipaddress {",
            "        198.51.100.100/24",
            "    }");

    private static ParseResult parse(String... lines) {
        return KeepalivedParser.parse("t.conf", String.join("\n", lines));
    }

    private ConfigAdminMapper.ApplyResult apply(String... lines) throws IOException {
        ParseResult result = parse(lines);
        assertThat(result.errors()).isEmpty();
        return mapper.apply(result.config());
    }

    @Test
    void instanceExtrasAreWrittenNormalisedInFileOrder() throws IOException {
        ParseResult result = parse(INSTANCE_HEAD,
                "    virtual_ipaddress_excluded {",
                "        203.0.113.50/24 dev eth1",
                "        2001:db8::50",
                "    }",
                "    virtual_routes {",
                "        src 203.0.113.50 to 198.51.100.128/25 gw 203.0.113.1 dev eth1 table 10 metric 5",
                "        blackhole 2001:db8:5::/48",
                "    }",
                "    virtual_rules {",
                "        from 203.0.113.0/24 lookup 10 preference 100",
                "        inet6 iif eth1 priority 101 prohibit",
                "    }",
                "}");
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).map(Object::toString)
                .containsExactly("t.conf:12: warning: virtual_routes: 'gw' for routes is deprecated, please use 'via'");
        mapper.apply(result.config());

        assertThat(store.propertiesOf("vigil.instance~VI_1")).contains(
                entry("excludedIpAddresses", new String[] {"203.0.113.50/24 dev eth1", "2001:db8::50/128 dev eth0"}),
                entry("virtualRoutes", new String[] {
                        "198.51.100.128/25 via 203.0.113.1 dev eth1 src 203.0.113.50 table 10 metric 5",
                        "blackhole 2001:db8:5::/48"}),
                entry("virtualRules", new String[] {
                        "from 203.0.113.0/24 priority 100 table 10",
                        "inet6 iif eth1 priority 101 prohibit"}));
        assertThat(store.propertiesOf("vigil.instance~VI_1")).containsEntry("virtualIpAddresses",
                new String[] {"198.51.100.100/24 dev eth0"});
    }

    @Test
    void withoutExtrasTheInstanceHasNoSuchProperties() throws IOException {
        apply(INSTANCE_HEAD, "}");

        assertThat(store.propertiesOf("vigil.instance~VI_1"))
                .doesNotContainKeys("excludedIpAddresses", "virtualRoutes", "virtualRules");
        assertThat(store.configurations).doesNotContainKey("vigil.static~default");
    }

    @Test
    void staticBlocksBecomeOneConfigurationUpdatedOnChangeAndDeletedWhenGone() throws IOException {
        ConfigAdminMapper.ApplyResult first = apply(INSTANCE_HEAD, "}",
                "static_ipaddress {",
                "    203.0.113.9/24 dev eth1 label eth1:st",
                "}",
                "static_routes {",
                "    default via 203.0.113.1",
                "}",
                "static_rules {",
                "    from 203.0.113.9 table 20 priority 200",
                "}");

        assertThat(first.statics().created()).containsExactly("vigil.static~default");
        assertThat(store.propertiesOf("vigil.static~default")).containsOnly(
                entry("staticIpAddresses", new String[] {"203.0.113.9/24 dev eth1 label eth1:st"}),
                entry("staticRoutes", new String[] {"0.0.0.0/0 via 203.0.113.1"}),
                entry("staticRules", new String[] {"from 203.0.113.9/32 priority 200 table 20"}),
                entry("vigil.config.origin", "t.conf:9"));

        ConfigAdminMapper.ApplyResult same = apply(INSTANCE_HEAD, "}",
                "static_routes { default via 203.0.113.1 }",
                "static_ipaddress { 203.0.113.9/24 dev eth1 label eth1:st }",
                "static_rules { from 203.0.113.9/32 priority 200 lookup 20 }");
        assertThat(same.statics().unchanged()).as("same entries written differently").containsExactly("vigil.static~default");

        ConfigAdminMapper.ApplyResult changed = apply(INSTANCE_HEAD, "}", "static_routes { default via 203.0.113.2 }");
        assertThat(changed.statics().updated()).containsExactly("vigil.static~default");
        assertThat(store.propertiesOf("vigil.static~default")).contains(
                entry("staticIpAddresses", new String[0]), entry("staticRoutes", new String[] {"0.0.0.0/0 via 203.0.113.2"}));

        ConfigAdminMapper.ApplyResult gone = apply(INSTANCE_HEAD, "}");
        assertThat(gone.statics().deleted()).containsExactly("vigil.static~default");
        assertThat(store.configurations).doesNotContainKey("vigil.static~default");
    }

    @Test
    void whatVigilCannotInstallIsAnErrorAtItsLine() {
        ParseResult result = parse(INSTANCE_HEAD,
                "    virtual_routes {",
                "        198.51.100.128/25 via 203.0.113.1 mtu lock 1400",
                "    }",
                "}",
                "static_ipaddress {",
                "    203.0.113.9/24",
                "}");

        assertThat(result.errors()).map(Object::toString).containsExactly(
                "t.conf:8: error: invalid virtual_routes entry '198.51.100.128/25 via 203.0.113.1 mtu lock 1400': "
                        + "route option 'mtu' is not supported");
    }

    @Test
    void aProtocolWithoutNoTrackIsResetWithKeepalivedsWarning() {
        ParseResult result = parse(INSTANCE_HEAD, "}", "static_routes {", "    198.51.100.0/24 dev eth1 protocol static", "}");

        assertThat(result.warnings()).map(Object::toString).containsExactly("t.conf:9: warning: static_routes: a route "
                + "without no_track is marked protocol keepalived (18); protocol static ignored");
        assertThat(result.config().statics()).singleElement().extracting(s -> s.text())
                .isEqualTo("198.51.100.0/24 dev eth1");
    }

    @Test
    void aStaticAddressWithoutDevGoesOnDefaultInterfaceAsKeepalivedPutsIt() throws IOException {
        FakeConfigurationStore store = new FakeConfigurationStore();
        ParseResult result = parse("global_defs {", "    default_interface eth3", "}", "static_ipaddress {",
                "    203.0.113.9/24", "    203.0.113.10/24 dev eth1", "}");
        assertThat(result.errors()).isEmpty();
        new ConfigAdminMapper(store).apply(result.config());

        assertThat((String[]) store.propertiesOf("vigil.static~default").get("staticIpAddresses"))
                .containsExactlyInAnyOrder("203.0.113.10/24 dev eth1", "203.0.113.9/24 dev eth3");
    }
}
