package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;

/** promote_secondaries held and restored in host 1's namespace, read back from its /proc/sys by a process there. */
class SysctlInterfaceParametersNetnsTest {

    @RegisterExtension
    final TopologyExtension<NetnsThread> host = new TopologyExtension<>(2, 1, NetnsThread::enter);
    private final SysctlInterfaceParameters parameters = new SysctlInterfaceParameters();

    private String promoteSecondaries() {
        return host.net().exec(1, Duration.ofSeconds(5), "cat", "/proc/sys/net/ipv4/conf/eth0/promote_secondaries")
                .orThrow().stdout().strip();
    }

    private void write(String value) {
        host.net().exec(1, Duration.ofSeconds(5), "sysctl", "-q", "-w",
                "net.ipv4.conf.eth0.promote_secondaries=" + value).orThrow();
    }

    @Test
    void heldWhileAnyHolderHoldsThenRestored() throws Exception {
        write("0");
        host.host(1).call(() -> {
            parameters.holdPromoteSecondaries("eth0", "VI_1");
            return null;
        });
        assertThat(promoteSecondaries()).isEqualTo("1");

        host.host(1).call(() -> {
            parameters.holdPromoteSecondaries("eth0", "VI_2");
            parameters.holdPromoteSecondaries("eth0", "VI_1"); // twice: still one holder
            parameters.releasePromoteSecondaries("eth0", "VI_1");
            return null;
        });
        assertThat(promoteSecondaries()).as("VI_2 still holds it").isEqualTo("1");

        host.host(1).call(() -> {
            parameters.releasePromoteSecondaries("eth0", "VI_2");
            parameters.releasePromoteSecondaries("eth0", "VI_2"); // not held: nothing happens
            return null;
        });
        assertThat(promoteSecondaries()).isEqualTo("0");
    }

    @Test
    void aValueAlreadySetIsLeftAsFound() throws Exception {
        write("1");
        host.host(1).call(() -> {
            parameters.holdPromoteSecondaries("eth0", "VI_1");
            parameters.releasePromoteSecondaries("eth0", "VI_1");
            return null;
        });
        assertThat(promoteSecondaries()).isEqualTo("1");
    }

    @Test
    void anUnknownInterfaceIsAnError() {
        assertThatThrownBy(() -> host.host(1).call(() -> {
            parameters.holdPromoteSecondaries("vgnosuch0", "VI_1");
            return null;
        })).isInstanceOf(IOException.class).hasMessageContaining("net.ipv4.conf.vgnosuch0.promote_secondaries");
    }
}
