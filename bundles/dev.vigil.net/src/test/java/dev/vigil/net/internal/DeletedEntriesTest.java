package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * A deletion notification and the configured entry have one identity: read back from Vigil's
 * own delete requests (the layout the kernel's notifications share), as if the kernel echoed them.
 */
class DeletedEntriesTest {

    private static NlMessage echoed(NlRequest request) {
        byte[] msg = request.build(1);
        return NlMessage.split(msg, msg.length).get(0);
    }

    @Test
    void aRouteIsKnownByFamilyNetworkTableMetricTypeAndProtocol() {
        VirtualRoute route = VirtualRoute.parse("203.0.113.0/24 via 198.51.100.12 table 100 metric 5");
        assertThat(DeletedEntries.route(echoed(RouteMessages.route(route, false, 2)))).isEqualTo(DeletedEntries.key(route));

        VirtualRoute other = VirtualRoute.parse("203.0.113.0/24 via 198.51.100.12 table 100 metric 6");
        assertThat(DeletedEntries.key(other)).isNotEqualTo(DeletedEntries.key(route));
        VirtualRoute static4 = VirtualRoute.parse("203.0.113.0/24 via 198.51.100.12 table 100 metric 5 no_track protocol static");
        assertThat(DeletedEntries.key(static4)).as("another protocol's route").isNotEqualTo(DeletedEntries.key(route));
    }

    @Test
    void anIpv6RouteWithoutMetricIsTheKernels1024AndHostBitsDoNotCount() {
        VirtualRoute route = VirtualRoute.parse("blackhole 2001:db8:5::/48");
        assertThat(DeletedEntries.key(route).metric()).isEqualTo(DeletedEntries.IPV6_DEFAULT_METRIC);
        assertThat(DeletedEntries.network(new byte[] {(byte) 203, 0, 113, (byte) 200}, 25))
                .containsExactly((byte) 203, 0, 113, (byte) 128);
    }

    @Test
    void aRuleIsKnownByFamilyPriorityActionTableAndSelectors() {
        for (String text : List.of("from 198.51.100.0/24 priority 1000 table 100", "inet6 iif eth0 priority 5 prohibit",
                "to 2001:db8::/32 priority 7 table 10")) {
            VirtualRule rule = VirtualRule.parse(text);
            NlMessage m = echoed(RouteMessages.rule(rule, false));
            assertThat(DeletedEntries.rule(m)).as(text).isEqualTo(DeletedEntries.key(rule));
            assertThat(DeletedEntries.ruleProtocol(m)).isEqualTo(18);
        }
        assertThat(DeletedEntries.key(VirtualRule.parse("from 198.51.100.0/24 priority 1001 table 100")))
                .isNotEqualTo(DeletedEntries.key(VirtualRule.parse("from 198.51.100.0/24 priority 1000 table 100")));
    }
}
