package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * N routers of one virtual router on a {@link SimulatedNetwork}. A node is a host: its VIP
 * manager and log survive crashes and restarts; each start makes a new {@link VrrpInstance} with
 * its own killable scheduler domain.
 */
final class Cluster {

    static final long MS = 1_000_000L;
    static final VirtualAddress VIP_A = new VirtualAddress(ip("198.51.100.100"), 24, "eth0", null);
    static final VirtualAddress VIP_B = new VirtualAddress(ip("198.51.100.101"), 24, "eth0", null);

    final SimulatedScheduler clock = new SimulatedScheduler();
    final SimulatedNetwork net;
    final int version;
    final int intervalCentis;
    final boolean unicast;
    final List<Node> nodes = new ArrayList<>();

    final class Node {
        final int index;
        final InetAddress address;
        final InstanceSettings settings;
        final FakeVipManager vips = new FakeVipManager(clock::nanoTime);
        final RecordingListener listener = new RecordingListener(clock);
        SimulatedScheduler.Domain domain;
        VrrpInstance instance;
        SimulatedNetwork.Port port;
        boolean alive;

        Node(int index, int priority, boolean preempt, List<InetAddress> unicastPeers) {
            this.index = index;
            this.address = address(index);
            this.settings = InstanceSettings.defaults("VI_" + index, "eth0", 51, version, priority, intervalCentis,
                    List.of(VIP_A, VIP_B)).withPreempt(preempt, 0).withUnicastPeers(unicastPeers);
        }

        int priority() {
            return settings.priority();
        }

        void start() {
            if (alive) {
                throw new IllegalStateException(this + " already running");
            }
            SimulatedScheduler.Domain d = clock.domain();
            VrrpInstance i = new VrrpInstance(settings, d, vips, listener);
            domain = d;
            instance = i;
            List<InetAddress> destinations = settings.unicast() ? settings.unicastPeers()
                    : List.of(settings.multicastGroup());
            port = net.attach(address, destinations, packet -> d.execute(() -> i.receive(packet)));
            alive = true;
            i.start(port);
        }

        /** The process dies: no last advert, timers gone, VIPs left where they were. */
        void crash() {
            domain.kill();
            port.close();
            alive = false;
        }

        /** keepalived stopped: priority 0 advert, VIPs removed. */
        void stop() {
            instance.stop();
            domain.kill();
            port.close();
            alive = false;
        }

        VrrpState state() {
            return alive ? instance.state() : null;
        }

        long masterDownNanos() {
            return VrrpTimers.masterDownNanos(version, priority(), intervalCentis);
        }

        long skewNanos() {
            return VrrpTimers.skewNanos(version, priority(), intervalCentis);
        }

        @Override
        public String toString() {
            return "R" + index + "(" + address.getHostAddress() + " prio " + priority() + (alive ? " " + state() : " dead") + ")";
        }
    }

    Cluster(int version, int intervalCentis, List<Integer> priorities, boolean preempt, long latencyNanos, long seed) {
        this(version, intervalCentis, priorities, preempt, false, latencyNanos, seed);
    }

    /** @param unicast every router lists every other one as {@code unicast_peer} */
    Cluster(int version, int intervalCentis, List<Integer> priorities, boolean preempt, boolean unicast,
            long latencyNanos, long seed) {
        this.version = version;
        this.intervalCentis = intervalCentis;
        this.unicast = unicast;
        this.net = new SimulatedNetwork(clock, latencyNanos, seed);
        for (int i = 0; i < priorities.size(); i++) {
            List<InetAddress> peers = new ArrayList<>();
            for (int j = 0; unicast && j < priorities.size(); j++) {
                if (j != i) {
                    peers.add(address(j));
                }
            }
            nodes.add(new Node(i, priorities.get(i), preempt, peers));
        }
    }

    static InetAddress address(int index) {
        return ip("198.51.100." + (10 + index));
    }

    long intervalNanos() {
        return VrrpTimers.centisToNanos(intervalCentis);
    }

    List<Node> alive() {
        return nodes.stream().filter(n -> n.alive).toList();
    }

    List<Node> dead() {
        return nodes.stream().filter(n -> !n.alive).toList();
    }

    List<Node> masters() {
        return alive().stream().filter(n -> n.state() == VrrpState.MASTER).toList();
    }

    int topPriority() {
        return alive().stream().mapToInt(Node::priority).max().orElse(-1);
    }

    /**
     * How long a whole, loss-free network with no membership change needs to settle: the
     * longest Master_Down_Interval among live routers, then two advert intervals for the adverts
     * that resolve who is master, plus latency slack.
     */
    long settleNanos() {
        long longestDown = alive().stream().mapToLong(Node::masterDownNanos).max().orElse(0);
        return longestDown + 2 * intervalNanos() + 10 * net.latencyNanos();
    }

    void run(long nanos) {
        clock.runFor(nanos);
    }

    /** When {@code node} first entered MASTER at or after {@code from}, or -1. */
    static long firstMasterEntry(Node node, long from) {
        return node.listener.changes().stream()
                .filter(c -> c.at() >= from && c.change().to() == VrrpState.MASTER)
                .mapToLong(RecordingListener.Change::at).min().orElse(-1);
    }

    String describe() {
        return "v" + version + (unicast ? " unicast" : " multicast") + " int " + intervalCentis + "cs t=" + clock.nanoTime() / MS + "ms " + nodes;
    }

    static Comparator<Node> byPriorityThenAddress() {
        return Comparator.<Node>comparingInt(Node::priority)
                .thenComparing(n -> n.address, VrrpInstance::compareAddresses);
    }

    void partition(List<Set<InetAddress>> groups) {
        net.partition(groups);
    }
}
