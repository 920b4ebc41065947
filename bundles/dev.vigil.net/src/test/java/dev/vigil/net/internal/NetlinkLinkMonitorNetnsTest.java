package dev.vigil.net.internal;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.api.dataplane.LinkWatch;
import dev.vigil.testing.netns.Netns;

class NetlinkLinkMonitorNetnsTest {

    @RegisterExtension
    final TopologyExtension<NetnsThread> host = new TopologyExtension<>(1, 1, NetnsThread::enter);
    private final NetlinkLinkMonitor monitor = new NetlinkLinkMonitor();

    @AfterEach
    void down() {
        monitor.deactivate();
    }

    @Test
    void seesAdministrativeDownAndUpWithinOneSecond() throws Exception {
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        LinkWatch watch = host.host(1).call(() -> monitor.watch("eth0", changes::add));
        assertThat(watch.up()).isTrue();
        assertThat(watch.interfaceName()).isEqualTo("eth0");

        host.net().linkDown(1);
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isFalse();
        assertThat(watch.up()).isFalse();
        host.net().linkUp(1);
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.up()).isTrue();
    }

    @Test
    void seesLossOfCarrierWhenThePeerEndGoesDown() throws Exception {
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        host.host(1).call(() -> monitor.watch("eth0", changes::add));
        Duration t = Duration.ofSeconds(5);
        Netns.run(t, "ip", "-n", host.net().hubNs(), "link", "set", host.net().bridgePort(1), "down").orThrow();
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isFalse();
        Netns.run(t, "ip", "-n", host.net().hubNs(), "link", "set", host.net().bridgePort(1), "up").orThrow();
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingStopsTheThreadAndTheNotifications() throws Exception {
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        LinkWatch watch = host.host(1).call(() -> monitor.watch("eth0", changes::add));
        NetlinkLinkMonitor.Watch w = (NetlinkLinkMonitor.Watch) watch;
        assertThat(w.thread.getName()).isEqualTo("vigil-link-eth0");
        watch.close();
        assertThat(w.thread.isAlive()).isFalse();
        assertThat(monitor.watches()).isEmpty();
        host.net().linkDown(1);
        assertThat(changes.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anAbsentInterfaceStartsDown() throws Exception {
        LinkWatch watch = host.host(1).call(() -> monitor.watch("vgnosuch0", up -> { }));
        assertThat(watch.up()).isFalse();
    }
}
