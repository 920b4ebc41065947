package dev.vigil.firewall.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Result;
import dev.vigil.testing.netns.Topology;

/**
 * The firewall against the real nft in host 1 of a throw-away two-host network (host 2 pings):
 * a blocked VIP gets no answer while the host's own address does, and it answers again once
 * unblocked; closing deletes the tables; a table someone else made is left alone.
 */
class NftablesFirewallNetnsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String VIP4 = "198.51.100.100";
    private static final String VIP6 = "2001:db8::100";

    private Topology net;
    private final List<String> errors = new ArrayList<>();
    private NftablesFirewall firewall;

    @BeforeEach
    void network() {
        Netns.assumeRoot();
        net = Topology.create(2);
        exec(1, "ip", "addr", "add", VIP4 + "/32", "dev", "eth0");
        exec(1, "ip", "addr", "add", "2001:db8::11/64", "dev", "eth0", "nodad");
        exec(2, "ip", "addr", "add", "2001:db8::12/64", "dev", "eth0", "nodad");
        exec(1, "ip", "addr", "add", VIP6 + "/128", "dev", "eth0", "nodad");
        firewall = firewall(new FirewallSettings("keepalived", -1, true, true));
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    private NftablesFirewall firewall(FirewallSettings settings) {
        Nft nft = new NftProcess(List.of("ip", "netns", "exec", net.ns(1), "nft"), TIMEOUT);
        return new NftablesFirewall(settings, nft, new NftablesFirewall.Log() {
            @Override
            public void info(String message) {
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
    }

    private Result exec(int host, String... cmd) {
        return net.exec(host, TIMEOUT, cmd).orThrow();
    }

    private boolean answers(String address) {
        return net.exec(2, TIMEOUT, "ping", "-c", "1", "-W", "1", address).ok();
    }

    private Result nftList(String family) {
        return net.exec(1, TIMEOUT, "nft", "list", "table", family, "keepalived");
    }

    private static VirtualAddress vip(String address, int prefix) throws IOException {
        return new VirtualAddress(InetAddress.getByName(address), prefix, "eth0", null);
    }

    @Test
    void aBlockedIpv4VipGetsNoAnswerUntilUnblocked() throws Exception {
        assertThat(answers(VIP4)).as("VIP answers before").isTrue();

        firewall.block("VI_1", List.of(vip(VIP4, 32)));

        assertThat(nftList("ip").stdout()).contains("elements = { " + VIP4 + " }")
                .contains("ip daddr @vips counter packets");
        assertThat(answers(VIP4)).as("blocked VIP").isFalse();
        assertThat(answers(net.address(1).getHostAddress())).as("the host's own address").isTrue();

        firewall.unblock("VI_1");
        assertThat(nftList("ip").stdout()).doesNotContain(VIP4);
        assertThat(answers(VIP4)).as("VIP answers after unblock").isTrue();

        firewall.close();
        assertThat(nftList("ip").ok()).as("table deleted").isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void aBlockedIpv6VipGetsNoAnswerWhileNeighbourDiscoveryWorks() throws Exception {
        assertThat(answers(VIP6)).as("VIP answers before").isTrue();

        firewall.block("VI_6", List.of(vip(VIP6, 128), vip("fe80::100", 64)));

        assertThat(nftList("ip6").stdout()).contains(VIP6).contains("fe80::100 . \"eth0\"");
        exec(2, "ip", "-6", "neigh", "flush", "dev", "eth0");
        assertThat(answers(VIP6)).as("blocked VIP").isFalse();
        assertThat(answers("2001:db8::11")).as("the host's own address").isTrue();
        // the VIP still resolves: neighbour discovery to it is let through
        assertThat(exec(2, "ip", "-6", "neigh", "show", VIP6).stdout()).contains("lladdr");

        firewall.close();
        assertThat(nftList("ip6").ok()).as("table deleted").isFalse();
        assertThat(answers(VIP6)).as("VIP answers after close").isTrue();
    }

    @Test
    void linkLocalVipsAreKeyedByInterfaceNameWithoutIfindex() throws Exception {
        NftablesFirewall byName = firewall(new FirewallSettings("vigil_fw", -1, false, false));
        byName.block("VI_6", List.of(vip("fe80::100", 64)));

        assertThat(net.exec(1, TIMEOUT, "nft", "list", "set", "ip6", "vigil_fw", "vips_link_local_name").stdout())
                .contains("type ipv6_addr . ifname").contains("fe80::100 . \"eth0\"");
        byName.close();
        assertThat(net.exec(1, TIMEOUT, "nft", "list", "table", "ip6", "vigil_fw").ok()).isFalse();
    }

    @Test
    void aTableSomeoneElseMadeIsLeftAlone() throws Exception {
        exec(1, "nft", "add", "table", "ip", "keepalived");
        exec(1, "nft", "add", "chain", "ip", "keepalived", "theirs");

        assertThatThrownBy(() -> firewall.block("VI_1", List.of(vip(VIP4, 32))))
                .isInstanceOf(IOException.class).hasMessageContaining("was not made by Vigil");
        firewall.close();

        assertThat(nftList("ip").stdout()).contains("chain theirs");
        assertThat(answers(VIP4)).isTrue();
        assertThat(errors).singleElement().asString().contains("ip keepalived exists");
    }

    @Test
    void aTableLeftByAnEarlierRunIsReplaced() throws Exception {
        NftablesFirewall crashed = firewall(new FirewallSettings("keepalived", -1, false, true));
        crashed.block("VI_1", List.of(vip(VIP4, 32))); // never closed, as after kill -9

        firewall.block("VI_2", List.of(vip("198.51.100.101", 32)));

        assertThat(nftList("ip").stdout()).contains("198.51.100.101").doesNotContain(VIP4 + " ");
        assertThat(answers(VIP4)).as("the old run's VIP is no longer blocked").isTrue();
        firewall.close();
        assertThat(nftList("ip").ok()).isFalse();
    }

    @Test
    void aMissingNftIsAnErrorNotACrash() throws Exception {
        NftablesFirewall none = new NftablesFirewall(new FirewallSettings("keepalived", -1, false, true),
                new NftProcess(List.of("/nonexistent/nft"), TIMEOUT), new NftablesFirewall.Log() {
                    @Override
                    public void info(String message) {
                    }

                    @Override
                    public void error(String message) {
                        errors.add(message);
                    }
                });
        assertThatThrownBy(() -> none.block("VI_1", List.of(vip(VIP4, 32)))).isInstanceOf(IOException.class)
                .hasMessageContaining("is nftables installed?");
        assertThat(errors).singleElement().asString().contains("/nonexistent/nft");
        none.close();
    }
}
