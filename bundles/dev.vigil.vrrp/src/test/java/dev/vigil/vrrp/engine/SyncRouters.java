package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * Routers on two simulated links, each running one instance per link (VI_A on link A with VRID
 * 51, VI_B on link B with VRID 52), both members of sync group G1 on that router.
 */
final class SyncRouters {

    static final long MS = 1_000_000L;
    static final int INTERVAL_CENTIS = 100;
    static final VirtualAddress VIP_A = new VirtualAddress(ip("198.51.100.100"), 24, "eth0", null);
    static final VirtualAddress VIP_B = new VirtualAddress(ip("203.0.113.100"), 24, "eth1", null);

    final SimulatedScheduler clock = new SimulatedScheduler();
    final SimulatedNetwork linkA = new SimulatedNetwork(clock, MS, 1);
    final SimulatedNetwork linkB = new SimulatedNetwork(clock, MS, 2);
    final List<Router> routers = new ArrayList<>();

    /** A group's state changes and log lines. */
    static final class GroupRecorder implements GroupListener {
        final List<String> lines = new ArrayList<>();
        final List<VrrpState> states = new ArrayList<>();

        @Override
        public void log(LogLevel level, String message) {
            lines.add(message);
        }

        @Override
        public void groupStateChanged(SyncGroup group, VrrpState from, VrrpState to, String reason) {
            states.add(to);
        }
    }

    final class Router {
        final int index;
        final InetAddress addressA;
        final InetAddress addressB;
        final FakeVipManager vips = new FakeVipManager(clock::nanoTime);
        final RecordingListener logA = new RecordingListener(clock);
        final RecordingListener logB = new RecordingListener(clock);
        final GroupRecorder groupLog = new GroupRecorder();
        final SyncGroup group = new SyncGroup("G1", groupLog);
        final VrrpInstance a;
        final VrrpInstance b;

        Router(int index, int priorityA, int priorityB) {
            this.index = index;
            this.addressA = ip("198.51.100." + (10 + index));
            this.addressB = ip("203.0.113." + (10 + index));
            a = new VrrpInstance(settings("VI_A", "eth0", 51, priorityA, VIP_A), clock, vips, logA);
            b = new VrrpInstance(settings("VI_B", "eth1", 52, priorityB, VIP_B), clock, vips, logB);
        }

        /** Both members join the group, then start on their links. */
        void startGrouped() {
            group.add(a);
            group.add(b);
            start();
        }

        void start() {
            a.start(linkA.attach(addressA, packet -> clock.execute(() -> a.receive(packet))));
            b.start(linkB.attach(addressB, packet -> clock.execute(() -> b.receive(packet))));
        }

        /** Link A of this router is cut off, and the interface watch says so. */
        void linkADown() {
            isolateOnLinkA(this);
            a.setFault(true, "interface eth0 down");
        }

        void linkAUp() {
            linkA.heal();
            a.setFault(false, "interface eth0 up");
        }

        List<VrrpState> states() {
            return List.of(a.state(), b.state());
        }

        Set<VirtualAddress> vipsHeld() {
            return vips.held();
        }

        @Override
        public String toString() {
            return "R" + index + " " + states() + " group " + group.state();
        }
    }

    private static InstanceSettings settings(String name, String ifname, int vrid, int priority, VirtualAddress vip) {
        return InstanceSettings.defaults(name, ifname, vrid, 2, priority, INTERVAL_CENTIS, List.of(vip))
                .withPreempt(true, 0);
    }

    Router router(int priorityA, int priorityB) {
        Router r = new Router(routers.size() + 1, priorityA, priorityB);
        routers.add(r);
        return r;
    }

    private void isolateOnLinkA(Router cut) {
        List<InetAddress> others = routers.stream().filter(r -> r != cut).map(r -> r.addressA).toList();
        linkA.partition(List.of(Set.of(cut.addressA), Set.copyOf(others)));
    }

    /** Longest Master_Down_Interval of the routers, plus two adverts and latency slack. */
    long settleNanos() {
        return VrrpTimers.masterDownNanos(2, 1, INTERVAL_CENTIS) + 2 * VrrpTimers.centisToNanos(INTERVAL_CENTIS) + 10 * MS;
    }

    void run(long nanos) {
        clock.runFor(nanos);
    }

    /** Priority 0 adverts {@code from} sent on {@code link} at or after {@code since}. */
    static long priorityZeroSent(SimulatedNetwork link, InetAddress from, long since) {
        return link.sent().stream().filter(s -> s.from().equals(from) && s.at() >= since && s.priority() == 0).count();
    }
}
