package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.libc.NetnsThread;
import dev.vigil.api.dataplane.LinkWatch;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Topology;

class NetlinkLinkMonitorNetnsTest {

    private Topology net;
    private NetnsThread host1;
    private final NetlinkLinkMonitor monitor = new NetlinkLinkMonitor();

    @BeforeEach
    void up() throws Exception {
        Netns.assumeRoot();
        net = Topology.create(1);
        host1 = NetnsThread.enter(net.nsPath(1));
    }

    @AfterEach
    void down() {
        monitor.deactivate();
        if (host1 != null) {
            host1.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void seesAdministrativeDownAndUpWithinOneSecond() throws Exception {
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        LinkWatch watch = host1.call(() -> monitor.watch("eth0", changes::add));
        assertThat(watch.up()).isTrue();
        assertThat(watch.interfaceName()).isEqualTo("eth0");

        net.linkDown(1);
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isFalse();
        assertThat(watch.up()).isFalse();
        net.linkUp(1);
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.up()).isTrue();
    }

    @Test
    void seesLossOfCarrierWhenThePeerEndGoesDown() throws Exception {
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        host1.call(() -> monitor.watch("eth0", changes::add));
        Duration t = Duration.ofSeconds(5);
        Netns.run(t, "ip", "-n", net.hubNs(), "link", "set", net.bridgePort(1), "down").orThrow();
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isFalse();
        Netns.run(t, "ip", "-n", net.hubNs(), "link", "set", net.bridgePort(1), "up").orThrow();
        assertThat(changes.poll(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingStopsTheThreadAndTheNotifications() throws Exception {
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        LinkWatch watch = host1.call(() -> monitor.watch("eth0", changes::add));
        NetlinkLinkMonitor.Watch w = (NetlinkLinkMonitor.Watch) watch;
        assertThat(w.thread.getName()).isEqualTo("vigil-link-eth0");
        watch.close();
        assertThat(w.thread.isAlive()).isFalse();
        assertThat(monitor.watches()).isEmpty();
        net.linkDown(1);
        assertThat(changes.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anAbsentInterfaceStartsDown() throws Exception {
        LinkWatch watch = host1.call(() -> monitor.watch("vgnosuch0", up -> { }));
        assertThat(watch.up()).isFalse();
    }
}
