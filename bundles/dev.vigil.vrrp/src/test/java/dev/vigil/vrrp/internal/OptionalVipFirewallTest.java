package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

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
        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100");

        optional.unblock("VI_1");
        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100", "UNBLOCK VI_1");
        optional.unblock("VI_1");
        assertThat(journal).as("nothing blocked: nothing asked").hasSize(2);
    }

    @Test
    void aReplacedFirewallIsGivenTheCurrentBlocksAndAFailedReplayIsLogged() throws Exception {
        FakeVipFirewall first = new FakeVipFirewall(journal);
        optional.setFirewall(first);
        optional.block("VI_1", List.of(VIP));
        optional.unsetFirewall(first);

        FakeVipFirewall failing = new FakeVipFirewall(journal);
        failing.failing(true);
        optional.setFirewall(failing);

        assertThat(journal).containsExactly("BLOCK VI_1 198.51.100.100", "BLOCK VI_1 198.51.100.100");
        assertThat(warnings).containsExactly("(VI_1) cannot set firewall drop rule: nft failed");
    }
}
