package dev.vigil.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.vrrp.engine.Cluster.Node;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Elections among 2-8 simulated routers under random priorities (ties included), start order,
 * crashes, graceful stops, restarts, packet loss and partitions.
 *
 * <p>Invariant (a) as RFC 3768 §6.4.2 / RFC 5798 §6.4.2 and keepalived define it: once the
 * network is whole and quiet, exactly one MASTER, of the highest live priority. The address
 * tie-break decides only between two routers that are MASTER at once (a BACKUP accepts an
 * equal-priority advert from any address), so among equal top priorities the first to claim
 * the role keeps it; {@link #equalPrioritiesStartedTogetherElectTheHighestAddress} shows the
 * tie-break itself.
 */
class ElectionTest {

    static final long MS = Cluster.MS;
    static final long LATENCY = MS;
    /** One timer tick of slack for invariant (b) and (c). */
    static final long TICK = MS;
    static final int[] PRIORITY_POOL = {50, 100, 100, 150, 200, 254};

    @Property(tries = 1000)
    void electionsSurviveChaos(@ForAll @IntRange(min = 2, max = 8) int routers,
            @ForAll @IntRange(min = 2, max = 3) int version, @ForAll long seed) {
        Random random = new Random(seed);
        int interval = version == 2 ? 100 * (1 + random.nextInt(2)) : 10 + random.nextInt(91);
        boolean unicast = random.nextInt(4) == 0;
        Cluster c = new Cluster(version, interval, priorities(random, routers), true, unicast, LATENCY, seed);

        startInRandomOrder(c, random);
        chaos(c, random);
        healAndSettle(c);
        assertConverged(c, "after chaos");

        crashTheMaster(c, random);
        healAndSettle(c);
        assertConverged(c, "after master crash");

        gracefullyStopTheMaster(c, random);
        healAndSettle(c);
        assertConverged(c, "after graceful stop");
    }

    @Property(tries = 200)
    void nopreemptStillElectsExactlyOneMaster(@ForAll @IntRange(min = 2, max = 6) int routers, @ForAll long seed) {
        Random random = new Random(seed);
        Cluster c = new Cluster(3, 20 + random.nextInt(80), priorities(random, routers), false, LATENCY, seed);

        startInRandomOrder(c, random);
        chaos(c, random);
        healAndSettle(c);

        assertThat(c.masters()).as(c.describe()).hasSize(1);
        assertVipsHeldOnlyByTheMaster(c, "nopreempt");
    }

    @Test
    void equalPrioritiesStartedTogetherElectTheHighestAddress() {
        Cluster c = new Cluster(2, 100, List.of(100, 100, 100), true, LATENCY, 1);

        c.nodes.forEach(Node::start);
        c.run(c.settleNanos());

        assertThat(c.masters()).containsExactly(c.nodes.get(2));
        // the two that claimed the role too went back to BACKUP on the higher address's advert
        assertThat(c.nodes.get(0).listener.messages()).anyMatch(m -> m.matches(
                "\\(VI_0\\) Master received advert from 198\\.51\\.100\\.1[12] with same priority 100 but higher IP address than ours"));
        assertThat(c.nodes.get(1).listener.messages()).contains(
                "(VI_1) Master received advert from 198.51.100.12 with same priority 100 but higher IP address than ours");
    }

    @Test
    void higherPriorityRouterJoiningLaterTakesOver() {
        Cluster c = new Cluster(3, 100, List.of(100, 200), true, LATENCY, 1);
        c.nodes.get(0).start();
        c.run(c.settleNanos());
        assertThat(c.masters()).containsExactly(c.nodes.get(0));

        c.nodes.get(1).start();
        long joined = c.clock.nanoTime();
        c.run(c.settleNanos());

        assertThat(c.masters()).containsExactly(c.nodes.get(1));
        // the newcomer waits a full Master_Down_Interval, discarding the lower adverts meanwhile
        assertThat(Cluster.firstMasterEntry(c.nodes.get(1), joined)).isEqualTo(joined + c.nodes.get(1).masterDownNanos());
        assertVipsHeldOnlyByTheMaster(c, "join");
    }

    @Test
    void unicastPeersElectOverPerDestinationChecksums() {
        Cluster c = new Cluster(3, 100, List.of(100, 150, 120), true, true, LATENCY, 1);

        c.nodes.forEach(Node::start);
        c.run(c.settleNanos());

        assertThat(c.masters()).containsExactly(c.nodes.get(1));
        // one copy per peer, each addressed to it, and nothing discarded anywhere
        assertThat(c.net.sent()).allMatch(s -> !s.destination().isMulticastAddress());
        assertThat(c.nodes).allMatch(n -> n.instance.status().counter(Counter.CHECKSUM_ERRORS) == 0);
        assertThat(c.nodes.get(0).instance.status().counter(Counter.RCVD_ADVERTISEMENTS)).isPositive();
    }

    // ------------------------------------------------------------------ phases

    static List<Integer> priorities(Random random, int routers) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < routers; i++) {
            out.add(random.nextInt(20) == 0 ? 255 : PRIORITY_POOL[random.nextInt(PRIORITY_POOL.length)]);
        }
        return out;
    }

    static void startInRandomOrder(Cluster c, Random random) {
        List<long[]> starts = new ArrayList<>();
        for (Node n : c.nodes) {
            starts.add(new long[] {random.nextLong(3 * c.intervalNanos()), n.index});
        }
        starts.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] s : starts) {
            c.clock.runUntil(s[0]);
            c.nodes.get((int) s[1]).start();
        }
    }

    /** Up to 8 random events over 30 advert intervals; loss and partitions last up to 10 intervals. */
    static void chaos(Cluster c, Random random) {
        int events = random.nextInt(9);
        long horizon = 30 * c.intervalNanos();
        long[] times = random.longs(events, 0, horizon).sorted().toArray();
        long start = c.clock.nanoTime();
        for (long t : times) {
            c.clock.runUntil(start + t);
            switch (random.nextInt(5)) {
                case 0 -> pick(c.alive(), random, Node::crash);
                case 1 -> pick(c.alive(), random, Node::stop);
                case 2 -> pick(c.dead(), random, Node::start);
                case 3 -> c.net.setLoss(0.2 + 0.7 * random.nextDouble());
                default -> {
                    List<Set<InetAddress>> groups = List.of(new HashSet<>(), new HashSet<>());
                    c.nodes.forEach(n -> groups.get(random.nextInt(2)).add(n.address));
                    c.partition(groups);
                }
            }
            if (random.nextBoolean()) { // some disturbances end before the next event
                c.run(random.nextLong(1, 10 * c.intervalNanos()));
                c.net.setLoss(0);
                c.net.heal();
            }
        }
        c.run(random.nextLong(1, 5 * c.intervalNanos()));
    }

    /** The network becomes whole and loss-free, at least two routers run; then nothing changes. */
    static void healAndSettle(Cluster c) {
        c.net.setLoss(0);
        c.net.heal();
        for (Node n : c.dead()) {
            if (c.alive().size() >= 2) {
                break;
            }
            n.start();
        }
        c.run(c.settleNanos());
    }

    /** (b): the first router(s) to take over do so one Master_Down_Interval after the last advert heard. */
    static void crashTheMaster(Cluster c, Random random) {
        c.run(random.nextLong(c.intervalNanos()));
        Node master = c.masters().get(0);
        long crashedAt = c.clock.nanoTime();
        master.crash();
        c.run(c.settleNanos());

        long first = c.alive().stream().mapToLong(n -> Cluster.firstMasterEntry(n, crashedAt))
                .filter(t -> t >= 0).min().orElseThrow(() -> new AssertionError("nobody took over: " + c.describe()));
        for (Node n : c.alive()) {
            if (Cluster.firstMasterEntry(n, crashedAt) != first) {
                continue;
            }
            SimulatedNetwork.Delivery last = c.net.lastDelivery(master.address, n.address, first);
            assertThat(last).as("%s heard %s", n, master).isNotNull();
            long waited = first - last.at();
            assertThat(waited).as("(b) %s took over %d ns after the last advert; %s", n, waited, c.describe())
                    .isBetween(n.masterDownNanos(), n.masterDownNanos() + TICK);
        }
        c.net.clearRecords();
    }

    /** (c): after a graceful stop the best backup takes over within its Skew_Time (plus the wire). */
    static void gracefullyStopTheMaster(Cluster c, Random random) {
        c.run(random.nextLong(c.intervalNanos()));
        Node master = c.masters().get(0);
        long stoppedAt = c.clock.nanoTime();
        master.stop();
        int best = c.topPriority();
        Node someBest = c.alive().stream().filter(n -> n.priority() == best).findFirst().orElseThrow();
        c.run(c.settleNanos());

        long first = c.alive().stream().mapToLong(n -> Cluster.firstMasterEntry(n, stoppedAt))
                .filter(t -> t >= 0).min().orElseThrow(() -> new AssertionError("nobody took over: " + c.describe()));
        List<Node> takers = c.alive().stream().filter(n -> Cluster.firstMasterEntry(n, stoppedAt) == first).toList();
        assertThat(takers).as("(c) %s", c.describe()).allMatch(n -> n.priority() == best);
        assertThat(first - stoppedAt).as("(c) takeover delay; %s", c.describe())
                .isBetween(LATENCY + someBest.skewNanos(), LATENCY + someBest.skewNanos() + TICK);
    }

    // ------------------------------------------------------------------ invariants

    static void assertConverged(Cluster c, String when) {
        List<Node> masters = c.masters();
        assertThat(masters).as("(a) exactly one MASTER %s: %s", when, c.describe()).hasSize(1);
        Node master = masters.get(0);
        assertThat(master.priority()).as("(a) MASTER has the top priority %s: %s", when, c.describe())
                .isEqualTo(c.topPriority());
        long withTop = c.alive().stream().filter(n -> n.priority() == c.topPriority()).count();
        if (withTop == 1) {
            assertThat(master).isEqualTo(c.alive().stream().max(Cluster.byPriorityThenAddress()).orElseThrow());
        }
        assertThat(c.alive()).as("every other router is BACKUP %s: %s", when, c.describe())
                .allMatch(n -> n == master || n.state() == VrrpState.BACKUP);
        assertVipsHeldOnlyByTheMaster(c, when);
    }

    /** (d): VIPs are on the MASTER's interface and nowhere else among live routers. */
    static void assertVipsHeldOnlyByTheMaster(Cluster c, String when) {
        for (Node n : c.alive()) {
            if (n.state() == VrrpState.MASTER) {
                assertThat(n.vips.held()).as("(d) %s holds all VIPs %s", n, when)
                        .containsExactlyInAnyOrder(Cluster.VIP_A, Cluster.VIP_B);
            } else {
                assertThat(n.vips.held()).as("(d) %s holds no VIP %s: %s", n, when, c.describe()).isEmpty();
            }
        }
    }

    private static void pick(List<Node> candidates, Random random, java.util.function.Consumer<Node> action) {
        if (!candidates.isEmpty()) {
            action.accept(candidates.get(random.nextInt(candidates.size())));
        }
    }
}
