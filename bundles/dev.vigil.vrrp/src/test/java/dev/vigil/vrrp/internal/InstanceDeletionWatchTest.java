package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.DeletionListener;
import dev.vigil.api.dataplane.DeletionMonitor;
import dev.vigil.api.dataplane.DeletionWatch;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.vrrp.engine.FakeVipManager;
import dev.vigil.vrrp.engine.InstanceSettings;
import dev.vigil.vrrp.engine.ProtocolOptions;
import dev.vigil.vrrp.engine.RecordingListener;
import dev.vigil.vrrp.engine.SimulatedScheduler;
import dev.vigil.vrrp.engine.VrrpInstance;

/** One instance's deletion reports: handed to the engine on the loop, dropped once the watch was replaced. */
class InstanceDeletionWatchTest {

    private static final VirtualAddress VIP = new VirtualAddress(ip("198.51.100.100"), 24, "eth0", null);
    private static final VirtualAddress EVIP = new VirtualAddress(ip("203.0.113.50"), 24, "eth1", null);

    private final SimulatedScheduler clock = new SimulatedScheduler();
    private final RecordingListener engineLog = new RecordingListener(clock);
    private final List<Runnable> loop = new ArrayList<>();
    private final List<String> detail = new ArrayList<>();
    private final CapturingMonitor monitor = new CapturingMonitor();
    private final InstanceDeletionWatch watch = new InstanceDeletionWatch(new OptionalDeletionMonitor(monitor),
            loop::add, detail::add, message -> { });

    private VrrpInstance master() {
        InstanceSettings d = InstanceSettings.defaults("VI_1", "eth0", 51, 2, 255, 100, List.of(VIP));
        InstanceSettings s = new InstanceSettings(d.name(), d.interfaceName(), 51, 2, 255, 100, VrrpState.MASTER, true,
                0, null, d.virtualAddresses(), d.multicastGroup(), List.of(), 5, 5, 0, 1,
                ProtocolOptions.KEEPALIVED_DEFAULTS);
        VrrpInstance instance = new VrrpInstance(s, clock, new FakeVipManager(clock::nanoTime), engineLog);
        instance.start(channel);
        clock.runDue();
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        return instance;
    }

    @Test
    void aDeletedVipReachesTheInstanceOnTheLoopWithKeepalivedsDetailLine() {
        VrrpInstance instance = master();
        watch.watch(instance, new WatchedEntries(List.of(VIP, EVIP), List.of(), List.of()));
        assertThat(monitor.addresses).containsExactly(VIP, EVIP);

        monitor.listener.addressDeleted(VIP);
        assertThat(instance.state()).as("not before the loop runs it").isEqualTo(VrrpState.MASTER);
        loop.forEach(Runnable::run);

        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(detail).containsExactly("Netlink reflector reports IP 198.51.100.100 removed from eth0");
        assertThat(engineLog.messages()).contains("(VI_1) VIP " + VIP + " deleted while MASTER; leaving MASTER to take "
                + "it back");
    }

    @Test
    void aReportOfAReplacedOrClosedWatchIsDropped() {
        VrrpInstance instance = master();
        watch.watch(instance, new WatchedEntries(List.of(VIP), List.of(), List.of()));
        DeletionListener old = monitor.listener;
        watch.watch(instance, new WatchedEntries(List.of(EVIP), List.of(), List.of()));
        old.addressDeleted(VIP);
        watch.close();
        monitor.listener.addressDeleted(EVIP);
        loop.forEach(Runnable::run);

        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(monitor.closed).isEqualTo(2);
        assertThat(watch.entries()).isEqualTo(WatchedEntries.NONE);
    }

    private final VrrpChannel channel = new VrrpChannel() {
        @Override
        public InetAddress sourceAddress() {
            return ip("198.51.100.5");
        }

        @Override
        public List<InetAddress> destinations() {
            return List.of(ip("224.0.0.18"));
        }

        @Override
        public void send(InetAddress destination, byte[] vrrpMessage) {
        }

        @Override
        public void close() {
        }
    };

    private static final class CapturingMonitor implements DeletionMonitor {
        Collection<VirtualAddress> addresses;
        DeletionListener listener;
        int closed;

        @Override
        public DeletionWatch watch(Collection<VirtualAddress> addresses, Collection<VirtualRoute> routes,
                Collection<VirtualRule> rules, DeletionListener listener) {
            this.addresses = addresses;
            this.listener = listener;
            return () -> closed++;
        }
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
