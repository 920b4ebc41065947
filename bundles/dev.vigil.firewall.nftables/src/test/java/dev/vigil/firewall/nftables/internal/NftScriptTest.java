package dev.vigil.firewall.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualAddress;

class NftScriptTest {

    private static VirtualAddress vip(String address, String device) throws Exception {
        return new VirtualAddress(InetAddress.getByName(address), 24, device, null);
    }

    @Test
    void ipv4TableAsKeepalivedLaysItOut() {
        NftScript script = new NftScript(new FirewallSettings("vrrp_fw", -5, true, true));
        assertThat(script.createTable(Family.IP)).isEqualTo("""
                create table ip vrrp_fw { comment "vigil no_accept drop rules"; }
                add set ip vrrp_fw vips { type ipv4_addr; }
                add chain ip vrrp_fw in { type filter hook input priority -5; policy accept; }
                add chain ip vrrp_fw out { type filter hook output priority -5; policy accept; }
                add rule ip vrrp_fw in ip daddr @vips counter drop
                add rule ip vrrp_fw out ip saddr @vips counter drop
                """);
    }

    @Test
    void ipv6TableLetsNeighbourDiscoveryThroughAndKeysLinkLocalByInterface() {
        String byName = new NftScript(new FirewallSettings("keepalived", -1, false, false)).createTable(Family.IP6);
        assertThat(byName).contains("add set ip6 keepalived vips_link_local_name { type ipv6_addr . ifname; }\n",
                "add rule ip6 keepalived in_link_local ip6 daddr . iifname @vips_link_local_name drop\n",
                "add rule ip6 keepalived in icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept\n");
        assertThat(byName.indexOf("nd-neighbor")).isLessThan(byName.indexOf("ip6 daddr @vips drop"));
        String byIndex = new NftScript(new FirewallSettings("keepalived", -1, false, true)).createTable(Family.IP6);
        assertThat(byIndex).contains("add set ip6 keepalived vips_link_local { type ipv6_addr . iface_index; }\n",
                "add rule ip6 keepalived out_link_local ip6 saddr . oif @vips_link_local drop\n");
    }

    @Test
    void elementsAreDeletedThenAddedPerSet() throws Exception {
        NftScript script = new NftScript(new FirewallSettings("keepalived", -1, false, true));
        List<NftElement> added = List.of(NftElement.of(vip("198.51.100.20", "eth0"), true),
                NftElement.of(vip("fe80::1", "eth1"), true), NftElement.of(vip("198.51.100.10", "eth0"), true));
        List<NftElement> removed = List.of(NftElement.of(vip("2001:db8::1", "eth0"), true));
        assertThat(script.update(added, removed)).isEqualTo("""
                delete element ip6 keepalived vips { 2001:db8::1 }
                add element ip keepalived vips { 198.51.100.10, 198.51.100.20 }
                add element ip6 keepalived vips_link_local { fe80::1 . "eth1" }
                """);
    }

    @Test
    void ipv6AddressesAreWrittenAsNftPrintsThem() throws Exception {
        assertThat(NftElement.compressed(InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()))
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(NftElement.compressed(InetAddress.getByName("2001:db8:0:1:1:1:1:1").getAddress()))
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(NftElement.compressed(InetAddress.getByName("::").getAddress())).isEqualTo("::");
        assertThat(NftElement.compressed(InetAddress.getByName("2001:db8::").getAddress())).isEqualTo("2001:db8::");
    }

    @Test
    void namesThatWouldNeedQuotingAreRefused() {
        assertThatThrownBy(() -> new FirewallSettings("bad name", -1, false, true))
                .hasMessageContaining("nftables table name 'bad name' is invalid");
        assertThatThrownBy(() -> NftElement.of(vip("fe80::1", "eth\"0"), true))
                .hasMessageContaining("cannot be used in an nft set");
    }
}
