package dev.vigil.firewall.nftables.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualAddress;

/** What the firewall asks nft, with nft's answers scripted: no root needed. */
class NftablesFirewallTest {

    private final List<String> scripts = new ArrayList<>();
    private final Deque<Nft.Result> answers = new ArrayDeque<>();
    private final List<String> logged = new ArrayList<>();
    private final NftablesFirewall firewall = new NftablesFirewall(new FirewallSettings("keepalived", -1, false, true),
            script -> {
                scripts.add(script);
                return answers.isEmpty() ? new Nft.Result(0, "") : answers.poll();
            }, new NftablesFirewall.Log() {
                @Override
                public void info(String message) {
                    logged.add("info: " + message);
                }

                @Override
                public void error(String message) {
                    logged.add("error: " + message);
                }
            });

    private static VirtualAddress vip(String address) throws IOException {
        return new VirtualAddress(InetAddress.getByName(address), 32, "eth0", null);
    }

    @Test
    void theTableIsMadeOnceAndTheSameBlockTwiceRunsNothing() throws Exception {
        firewall.block("VI_1", List.of(vip("198.51.100.10")));
        firewall.block("VI_1", List.of(vip("198.51.100.10")));
        firewall.block("VI_2", List.of(vip("198.51.100.20")));

        assertThat(scripts).hasSize(3);
        assertThat(scripts.get(0)).startsWith("create table ip keepalived");
        assertThat(scripts.subList(1, 3)).containsExactly("add element ip keepalived vips { 198.51.100.10 }\n",
                "add element ip keepalived vips { 198.51.100.20 }\n");
    }

    @Test
    void anAddressTwoInstancesBlockIsDeletedWithTheLastOne() throws Exception {
        firewall.block("VI_1", List.of(vip("198.51.100.10")));
        firewall.block("VI_2", List.of(vip("198.51.100.10"), vip("198.51.100.20")));
        scripts.clear();

        firewall.unblock("VI_1");
        firewall.unblock("VI_2");
        firewall.unblock("VI_2");
        firewall.close();

        assertThat(scripts).containsExactly("delete element ip keepalived vips { 198.51.100.10, 198.51.100.20 }\n",
                "delete table ip keepalived\n");
    }

    @Test
    void aFailureIsThrownEachTimeAndLoggedOnce() {
        answers.add(new Nft.Result(1, "Error: Could not process rule: Operation not permitted"));
        answers.add(new Nft.Result(1, "Error: Could not process rule: Operation not permitted"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> firewall.block("VI_1", List.of(vip("198.51.100.10"))))
                    .isInstanceOf(IOException.class).hasMessageContaining("Operation not permitted");
        }
        assertThat(logged).containsExactly("error: no_accept firewall: cannot create nftables table ip keepalived: "
                + "Error: Could not process rule: Operation not permitted - VIPs accept traffic");
    }

    @Test
    void nothingIsDeletedAtCloseWhenNoTableWasMade() {
        firewall.close();
        assertThat(scripts).isEmpty();
    }
}
