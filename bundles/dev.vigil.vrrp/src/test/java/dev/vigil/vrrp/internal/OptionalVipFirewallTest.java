package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.vrrp.engine.FakeVipFirewall;

class OptionalVipFirewallTest {

    private static final VirtualAddress VIP;

    static {
        try {
            VIP = new VirtualAddress(InetAddress.getByName("198.51.100.100"), 32, "eth0", null);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<String> journal = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final OptionalVipFirewall optional = new OptionalVipFirewall(warnings::add);

    @Test
    void withoutAFirewallABlockFailsAndIsGivenToTheFirewallThatArrives() throws Exception {
        assertThatThrownBy(() -> optional.block("VI_1", List.of(VIP))).isInstanceOf(IOException.class)
                .hasMessageContaining("no VipFirewall service (no_accept is not enforced)");

        FakeVipFirewall late = new FakeVipFirewall(journal);
        optional.setFirewall(late);
        optional.awaitApplied(5);
        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100");

        optional.unblock("VI_1");
        optional.awaitApplied(5);
        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100", "UNBLOCK VI_1");
        optional.unblock("VI_1");
        optional.awaitApplied(5);
        assertThat(journal).as("nothing blocked: nothing asked").hasSize(2);
    }

    @Test
    void aReplacedFirewallIsGivenTheCurrentBlocksAndAFailedReplayIsLogged() throws Exception {
        FakeVipFirewall first = new FakeVipFirewall(journal);
        optional.setFirewall(first);
        optional.block("VI_1", List.of(VIP));
        optional.awaitApplied(5);
        optional.unsetFirewall(first);

        FakeVipFirewall failing = new FakeVipFirewall(journal);
        failing.failing(true);
        optional.setFirewall(failing);
        optional.awaitApplied(5);

        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100", "BLOCK VI_1 198.51.100.100");
        assertThat(warnings).containsExactly("(VI_1) cannot set firewall drop rule: nft failed");
    }

    @Test
    void theCallerNeverWaitsForASlowFirewallAndOnlyTheLatestWishIsApplied() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeVipFirewall recorded = new FakeVipFirewall(journal);
        VipFirewall slow = new VipFirewall() {
            @Override
            public void block(String instance, java.util.Collection<VirtualAddress> addresses) throws IOException {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorded.block(instance, addresses);
            }

            @Override
            public void unblock(String instance) throws IOException {
                recorded.unblock(instance);
            }
        };
        optional.setFirewall(slow);

        optional.block("VI_1", List.of(VIP));
        assertThat(entered.await(5, TimeUnit.SECONDS)).as("the worker is held in the firewall").isTrue();
        optional.unblock("VI_1"); // these return at once
        optional.block("VI_1", List.of(VIP));
        optional.unblock("VI_1");
        release.countDown();
        optional.awaitApplied(5);

        // the first block was under way; the three wishes after it collapse into the last one
        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100", "UNBLOCK VI_1");
        optional.deactivate();
    }
}
