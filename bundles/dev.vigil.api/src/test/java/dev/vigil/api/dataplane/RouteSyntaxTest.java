package dev.vigil.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RouteSyntaxTest {

    @Test
    void keepalivedRouteLinesNormaliseAndReadBack() {
        List<String> warnings = new ArrayList<>();
        VirtualRoute r = VirtualRoute.parse("src 198.51.100.10 to 203.0.113.0/24 gw 198.51.100.1 dev eth0 table 100 "
                + "metric 5 scope link", warnings::add);
        assertThat(r.toString()).isEqualTo("203.0.113.0/24 via 198.51.100.1 dev eth0 src 198.51.100.10 table 100 "
                + "metric 5 scope link");
        assertThat(warnings).containsExactly("'gw' for routes is deprecated, please use 'via'");
        assertThat(VirtualRoute.parse(r.toString())).isEqualTo(r);
        assertThat(r.protocol()).isEqualTo(18);
        assertThat(r.table()).isEqualTo(100);

        assertThat(VirtualRoute.parse("blackhole 2001:db8:5::/48").toString()).isEqualTo("blackhole 2001:db8:5::/48");
        assertThat(VirtualRoute.parse("default via 2001:db8::1").toString()).isEqualTo("::/0 via 2001:db8::1");
        assertThat(VirtualRoute.parse("203.0.113.7 dev eth0 table main").toString()).isEqualTo("203.0.113.7/32 dev eth0");
    }

    @Test
    void aRouteProtocolNeedsNoTrackAsInKeepalived() {
        List<String> warnings = new ArrayList<>();
        assertThat(VirtualRoute.parse("203.0.113.0/24 dev eth0 protocol static", warnings::add).protocol()).isEqualTo(18);
        assertThat(warnings).singleElement().asString().contains("protocol static ignored");
        VirtualRoute kept = VirtualRoute.parse("203.0.113.0/24 dev eth0 no_track protocol static");
        assertThat(kept.protocol()).isEqualTo(4);
        assertThat(kept.toString()).isEqualTo("203.0.113.0/24 dev eth0 no_track protocol static");
    }

    @Test
    void routesVigilCannotInstallAreRefusedWithTheReason() {
        assertThatThrownBy(() -> VirtualRoute.parse("203.0.113.0/24 via 198.51.100.1 mtu 1400"))
                .hasMessage("route option 'mtu' is not supported");
        assertThatThrownBy(() -> VirtualRoute.parse("203.0.113.0/24 nexthop via 198.51.100.1"))
                .hasMessage("route option 'nexthop' is not supported");
        assertThatThrownBy(() -> VirtualRoute.parse("203.0.113.0/24 via 2001:db8::1"))
                .hasMessage("cannot mix IPv4 and IPv6 in one route");
        assertThatThrownBy(() -> VirtualRoute.parse("203.0.113.0/24")).hasMessageContaining("needs 'via' or 'dev'");
        assertThatThrownBy(() -> VirtualRoute.parse("203.0.113.0/24 dev eth0 wibble")).hasMessage("unknown route option 'wibble'");
        assertThatThrownBy(() -> VirtualRoute.parse("203.0.113.0/33 dev eth0")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> VirtualRoute.parse("dev eth0")).hasMessage("a route needs a destination");
    }

    @Test
    void keepalivedRuleLinesNormaliseAndReadBack() {
        VirtualRule r = VirtualRule.parse("from 198.51.100.0/24 lookup 100 preference 1000 fwmark 0x10/0xff dev eth0");
        assertThat(r.toString()).isEqualTo("from 198.51.100.0/24 iif eth0 fwmark 0x10/0xff priority 1000 table 100");
        assertThat(VirtualRule.parse(r.toString())).isEqualTo(r);
        VirtualRule v6 = VirtualRule.parse("inet6 not to 2001:db8::/32 priority 7 blackhole");
        assertThat(v6.ipv6()).isTrue();
        assertThat(v6.toString()).isEqualTo("not to 2001:db8::/32 priority 7 blackhole");
        assertThat(VirtualRule.parse("inet6 oif eth0 priority 9 unreachable").toString())
                .isEqualTo("inet6 oif eth0 priority 9 unreachable");
        assertThat(VirtualRule.parse("from all priority 9 table main").from()).isNull();
    }

    @Test
    void rulesVigilCannotInstallAreRefusedWithTheReason() {
        assertThatThrownBy(() -> VirtualRule.parse("from 198.51.100.0/24 table 100"))
                .hasMessageContaining("a rule needs a priority");
        assertThatThrownBy(() -> VirtualRule.parse("from 198.51.100.0/24 priority 5"))
                .hasMessageContaining("a rule needs an action");
        assertThatThrownBy(() -> VirtualRule.parse("from 198.51.100.0/24 priority 5 goto 9"))
                .hasMessage("rule option 'goto' is not supported");
        assertThatThrownBy(() -> VirtualRule.parse("from 198.51.100.0/24 priority 5 table 1 blackhole"))
                .hasMessageContaining("one action");
        assertThatThrownBy(() -> VirtualRule.parse("from 198.51.100.0/24 to 2001:db8::/32 priority 5 table 1"))
                .hasMessage("cannot mix IPv4 and IPv6 in one rule");
    }

    @Test
    void aPeerIsWrittenFirstAndReadBack() throws Exception {
        AddressOptions o = AddressOptions.parse(List.of("scope", "link", "peer", "198.51.100.6"));
        assertThat(o.peer()).isEqualTo(java.net.InetAddress.getByName("198.51.100.6"));
        assertThat(o.toString()).isEqualTo(" peer 198.51.100.6 scope link");
        assertThat(AddressOptions.parse(List.of(o.toString().trim().split(" ")))).isEqualTo(o);
        assertThat(new AddressOptions(null, 0, java.util.Set.of(), AddressOptions.FOREVER).peer()).isNull();
        assertThatThrownBy(() -> new VirtualAddress(java.net.InetAddress.getByName("2001:db8::5"), 128, "eth0", null,
                AddressOptions.parse(List.of("peer", "198.51.100.6"))))
                .hasMessage("peer 198.51.100.6 is not of the family of 2001:db8:0:0:0:0:0:5");
    }

    @Test
    void addressOptionsReadBackWhatTheyWrite() throws Exception {
        AddressOptions o = AddressOptions.parse(List.of("broadcast", "198.51.100.255", "scope", "link", "noprefixroute",
                "-nodad", "preferred_lft", "0"));
        assertThat(o.toString()).isEqualTo(" brd 198.51.100.255 scope link noprefixroute -nodad preferred_lft 0");
        assertThat(AddressOptions.parse(List.of(o.toString().trim().split(" ")))).isEqualTo(o);
        assertThat(AddressOptions.parse(List.of("preferred_lft", "forever"))).isEqualTo(AddressOptions.NONE);
        VirtualAddress vip = new VirtualAddress(java.net.InetAddress.getByName("198.51.100.7"), 24, "eth0", null, o);
        assertThat(vip.toString()).isEqualTo("198.51.100.7/24 dev eth0 brd 198.51.100.255 scope link noprefixroute "
                + "-nodad preferred_lft 0");
        assertThatThrownBy(() -> AddressOptions.parse(List.of("peer", "nowhere")))
                .hasMessage("'nowhere' is not an IP address");
        assertThatThrownBy(() -> AddressOptions.parse(List.of("brd", "2001:db8::ff")))
                .hasMessage("a broadcast address is IPv4");
    }
}
