package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.api.track.TrackStatus;
import dev.vigil.vrrp.engine.FakeVipManager;
import dev.vigil.vrrp.engine.InstanceSettings;
import dev.vigil.vrrp.engine.ProtocolOptions;
import dev.vigil.vrrp.engine.RecordingListener;
import dev.vigil.vrrp.engine.SimulatedScheduler;
import dev.vigil.vrrp.engine.VrrpInstance;

/**
 * Tracking driving a real engine on a simulated clock: what trackers do to the effective
 * priority and to FAULT, keepalived's way.
 */
class TrackingTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long GRACE = 5 * SECOND;

    private final SimulatedScheduler clock = new SimulatedScheduler();
    private final RecordingListener engineLog = new RecordingListener(clock);
    private final Map<String, String> faults = new LinkedHashMap<>();
    private final List<String> logged = new ArrayList<>();
    private VrrpInstance instance;
    private Tracking tracking;
    private long nextServiceId = 100;

    private void start(int priority, String state) {
        InstanceSettings defaults = InstanceSettings.defaults("VI_1", "eth0", 51, 2, priority, 100,
                List.of(new VirtualAddress(ip("198.51.100.100"), 24, "eth0", null)));
        InstanceSettings s = new InstanceSettings(defaults.name(), defaults.interfaceName(), 51, 2, priority, 100,
                VrrpState.valueOf(state), true, 0, null, defaults.virtualAddresses(), defaults.multicastGroup(),
                List.of(), 5, 5, 0, 1, ProtocolOptions.KEEPALIVED_DEFAULTS);
        instance = new VrrpInstance(s, clock, new FakeVipManager(clock::nanoTime), engineLog);
        tracking = new Tracking("VI_1", new Tracking.Sink() {
            @Override
            public void priorityOffset(int offset) {
                instance.setPriorityOffset(offset);
            }

            @Override
            public void fault(String source, String reason) {
                if (reason == null) {
                    faults.remove(source);
                } else {
                    faults.put(source, reason);
                }
                instance.setFault(!faults.isEmpty(), faults.isEmpty() ? source + " recovered" : String.join(", ", faults.values()));
            }

            @Override
            public void info(String message) {
                logged.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                logged.add("WARN " + message);
            }
        }, clock::nanoTime, GRACE);
        instance.start(channel);
        clock.runDue();
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

    private void track(String... entries) {
        tracking.configure(TrackSpec.parseAll(entries, e -> {
            throw new AssertionError(e);
        }), List.of());
        tracking.apply();
    }

    /** Registers a tracker service for {@code name} with its own weight (null: none) and binds it. */
    private TrackerDirectory.Binding serve(String name, Integer weight, Boolean reverse, TestTracker t) {
        TrackerDirectory.Binding b = new TrackerDirectory.Binding(nextServiceId++, 0, name, "script", weight, reverse, t);
        tracking.bound(name, b);
        tracking.status(name, b.serviceId(), t.status());
        tracking.apply();
        return b;
    }

    private void report(String name, TrackerDirectory.Binding b, TrackStatus s) {
        tracking.status(name, b.serviceId(), s);
        tracking.apply();
    }

    private int priority() {
        return instance.effectivePriority();
    }

    private List<String> engineLines() {
        return engineLog.lines().stream().map(RecordingListener.Line::message).toList();
    }

    @Test
    void seedScenarioArithmetic() {
        start(100, "MASTER");
        track("chk_nginx");
        TrackerDirectory.Binding b = serve("chk_nginx", 2, null, new TestTracker());
        assertThat(priority()).as("no result yet: neither added nor subtracted").isEqualTo(100);

        report("chk_nginx", b, TrackStatus.up("exit status 0"));
        assertThat(priority()).isEqualTo(102);
        report("chk_nginx", b, TrackStatus.down("exited with status 1"));
        assertThat(priority()).isEqualTo(100);
        report("chk_nginx", b, TrackStatus.up("exit status 0"));
        assertThat(priority()).isEqualTo(102);
        assertThat(engineLines()).containsSubsequence("(VI_1) Changing effective priority from 100 to 102",
                "(VI_1) Changing effective priority from 102 to 100",
                "(VI_1) Changing effective priority from 100 to 102");
        assertThat(tracking.contributions()).containsExactly(
                new TrackerContribution("chk_nginx", "script", 2, false, true, 2, "exit status 0"));
    }

    @Test
    void effectivePriorityIsClampedToOneTo254() {
        start(250, "BACKUP");
        track("a weight=3", "b weight=4");
        TrackerDirectory.Binding a = serve("a", null, null, new TestTracker());
        TrackerDirectory.Binding b = serve("b", null, null, new TestTracker());
        report("a", a, TrackStatus.up("ok"));
        report("b", b, TrackStatus.up("ok"));
        assertThat(tracking.offset()).isEqualTo(7);
        assertThat(priority()).isEqualTo(254);

        start(5, "BACKUP");
        track("c weight=-20");
        TrackerDirectory.Binding c = serve("c", null, null, new TestTracker());
        report("c", c, TrackStatus.down("exited with status 1"));
        assertThat(tracking.offset()).isEqualTo(-20);
        assertThat(priority()).isEqualTo(1);
    }

    @Test
    void addressOwnerStays255ButWeightZeroStillFaults() {
        start(255, "MASTER");
        track("up weight=10", "down weight=-10", "must weight=0");
        TrackerDirectory.Binding up = serve("up", null, null, new TestTracker());
        TrackerDirectory.Binding down = serve("down", null, null, new TestTracker());
        TrackerDirectory.Binding must = serve("must", null, null, new TestTracker());
        report("up", up, TrackStatus.up("ok"));
        report("down", down, TrackStatus.down("bad"));
        report("must", must, TrackStatus.up("ok"));
        assertThat(instance.state()).isEqualTo(VrrpState.MASTER);
        assertThat(priority()).isEqualTo(255);
        assertThat(engineLines()).noneMatch(l -> l.contains("Changing effective priority"));

        report("must", must, TrackStatus.down("bad"));
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void inASyncGroupWeightedChecksAreIgnoredAndWeightedInterfacesFault() {
        start(100, "BACKUP");
        tracking.configure(TrackSpec.parseAll(new String[] {"chk weight=20"}, e -> {
            throw new AssertionError(e);
        }), TrackSpec.parseAll(new String[] {"eth1 weight=-30"}, e -> {
            throw new AssertionError(e);
        }));
        TrackerDirectory.Binding chk = serve("chk", null, null, new TestTracker());
        report("chk", chk, TrackStatus.up("ok"));
        tracking.link("eth1", true);
        tracking.apply();
        assertThat(priority()).isEqualTo(120);

        // joined a sync group without sync_group_tracking_weight (keepalived's default)
        assertThat(tracking.weightsIgnored(true)).isTrue();
        tracking.apply();
        assertThat(priority()).isEqualTo(100);
        assertThat(logged).contains("WARN (VI_1) ignoring tracked script chk with weights due to SYNC group");

        report("chk", chk, TrackStatus.down("bad"));
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        tracking.link("eth1", false);
        tracking.apply();
        assertThat(instance.state()).as("a weighted interface counts as weight 0: down is FAULT")
                .isEqualTo(VrrpState.FAULT);
        assertThat(logged).contains("WARN (VI_1) ignoring eth1 tracked interface weight due to SYNC group");

        // the group is gone: weights count again
        tracking.weightsIgnored(false);
        tracking.apply();
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(priority()).isEqualTo(70);
    }

    @Test
    void reverseTurnsTheWeightRound() {
        start(100, "BACKUP");
        track("r weight=5 reverse", "n weight=-5 reverse");
        TrackerDirectory.Binding r = serve("r", null, null, new TestTracker());
        TrackerDirectory.Binding n = serve("n", null, null, new TestTracker());
        report("r", r, TrackStatus.up("ok"));
        assertThat(priority()).isEqualTo(95);
        report("n", n, TrackStatus.down("bad"));
        assertThat(priority()).isEqualTo(100);
        report("r", r, TrackStatus.down("bad"));
        assertThat(priority()).isEqualTo(105);
    }

    @Test
    void entryWeightOverridesTheTrackersAndReverseIsInheritedUnlessGiven() {
        start(100, "BACKUP");
        track("a weight=7", "b weight=7 noreverse");
        TrackerDirectory.Binding a = serve("a", 2, true, new TestTracker());
        TrackerDirectory.Binding b = serve("b", 2, true, new TestTracker());
        report("a", a, TrackStatus.up("ok"));
        assertThat(priority()).as("a: weight 7 from the entry, reverse from the tracker").isEqualTo(93);
        report("b", b, TrackStatus.up("ok"));
        assertThat(priority()).isEqualTo(100);
    }

    @Test
    void weightZeroFailureIsFaultAndRecoveryIsBackup() {
        start(100, "BACKUP");
        track("chk");
        TrackerDirectory.Binding b = serve("chk", null, null, new TestTracker());
        assertThat(instance.state()).as("weight 0, no result yet: held out like keepalived's init state")
                .isEqualTo(VrrpState.FAULT);
        report("chk", b, TrackStatus.up("ok"));
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        report("chk", b, TrackStatus.down("exited with status 2"));
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        assertThat(faults).containsEntry("tracker:chk", "tracker chk failed");
        assertThat(tracking.contributions().get(0).detail()).isEqualTo("FAULT: exited with status 2");
        report("chk", b, TrackStatus.up("ok"));
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(faults).isEmpty();
    }

    @Test
    void missingTrackerCountsAsDownAfterTheGraceAndIsLoggedOnce() {
        start(100, "BACKUP");
        track("chk weight=-10");
        assertThat(priority()).as("within the startup grace: not counted yet").isEqualTo(100);
        clock.runFor(GRACE);
        tracking.apply();
        assertThat(priority()).isEqualTo(90);
        tracking.apply();
        assertThat(logged).containsExactly("WARN (VI_1) tracker chk (kind unknown) is not available: "
                + "treated as failed until its bundle is deployed");
        assertThat(tracking.contributions().get(0).up()).isFalse();

        TestTracker t = new TestTracker();
        TrackerDirectory.Binding b = serve("chk", null, null, t);
        assertThat(logged).last().isEqualTo("INFO (VI_1) tracker chk (kind script) is available again");
        assertThat(priority()).as("there, no result yet").isEqualTo(100);
        report("chk", b, TrackStatus.down("bad"));
        assertThat(priority()).isEqualTo(90);
    }

    @Test
    void trackerThatGoesAwayCountsAsDownAtOnceWithTheWeightItHad() {
        start(100, "BACKUP");
        track("chk_nginx");
        TrackerDirectory.Binding b = serve("chk_nginx", 2, null, new TestTracker());
        report("chk_nginx", b, TrackStatus.up("ok"));
        assertThat(priority()).isEqualTo(102);
        tracking.bound("chk_nginx", null);
        tracking.apply();
        assertThat(priority()).isEqualTo(100);
        assertThat(logged).containsExactly("WARN (VI_1) tracker chk_nginx (kind script) is not available: "
                + "treated as failed until its bundle is deployed");
        // a late status from the service that left changes nothing
        report("chk_nginx", b, TrackStatus.up("late"));
        assertThat(priority()).isEqualTo(100);
    }

    @Test
    void aTrackerWhoseBundleIsAbsentCountsWithTheKindAndWeightOfItsEntry() {
        start(100, "BACKUP");
        // the config adapter writes each entry resolved: the tracker's kind and weight
        track("chk_app kind=heartbeat weight=-20", "other weight=-5");
        assertThat(instance.state()).as("a known weight: no FAULT while waiting").isEqualTo(VrrpState.BACKUP);
        assertThat(priority()).isEqualTo(100);
        clock.runFor(GRACE);
        tracking.apply();
        assertThat(priority()).isEqualTo(75);
        assertThat(logged).containsExactly(
                "WARN (VI_1) tracker chk_app (kind heartbeat) is not available: treated as failed until its bundle is deployed",
                "WARN (VI_1) tracker other (kind unknown) is not available: treated as failed until its bundle is deployed");
        assertThat(tracking.contributions().get(0).kind()).isEqualTo("heartbeat");
        assertThat(tracking.contributions().get(0).weight()).isEqualTo(-20);
    }

    @Test
    void missingTrackerWithNoKnownWeightIsFaultAfterTheGrace() {
        start(100, "BACKUP");
        track("chk");
        clock.runFor(GRACE);
        tracking.apply();
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        assertThat(faults).containsEntry("tracker:chk", "tracker chk not available");
    }

    @Test
    void valueTrackersAddValueTimesWeight() {
        start(100, "BACKUP");
        track("file weight=3", "flag weight=0");
        TrackerDirectory.Binding f = serve("file", 1, null, new TestTracker());
        TrackerDirectory.Binding g = serve("flag", null, null, new TestTracker());
        report("flag", g, value(0));
        report("file", f, value(5));
        assertThat(priority()).isEqualTo(115);
        report("file", f, value(-4));
        assertThat(priority()).isEqualTo(88);
        report("file", f, value(-85));
        assertThat(instance.state()).as("-255 <= -254: FAULT").isEqualTo(VrrpState.FAULT);
        report("file", f, value(0));
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(priority()).isEqualTo(100);
        report("flag", g, value(1));
        assertThat(instance.state()).as("weight 0 and a non-zero value: FAULT").isEqualTo(VrrpState.FAULT);
        assertThat(faults).containsEntry("tracker:flag", "tracker flag value 1");
    }

    @Test
    void trackedInterfacesWeighOrFault() {
        start(100, "BACKUP");
        tracking.configure(List.of(), TrackSpec.parseAll(new String[] {"eth1", "eth2 weight=-10", "eth3 weight=4 reverse"},
                e -> {
                    throw new AssertionError(e);
                }));
        tracking.link("eth1", true);
        tracking.link("eth2", true);
        tracking.link("eth3", false);
        tracking.apply();
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(priority()).isEqualTo(100);
        tracking.link("eth2", false);
        tracking.link("eth3", true);
        tracking.apply();
        assertThat(priority()).isEqualTo(86);
        tracking.link("eth1", false);
        tracking.apply();
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        assertThat(faults).containsEntry("track_interface:eth1", "interface eth1 down");
        assertThat(tracking.contributions()).extracting(TrackerContribution::kind).containsOnly("interface");
    }

    @Test
    void droppingAnEntryClearsWhatItDid() {
        start(100, "BACKUP");
        track("a weight=-10", "b");
        TrackerDirectory.Binding a = serve("a", null, null, new TestTracker());
        TrackerDirectory.Binding b = serve("b", null, null, new TestTracker());
        report("a", a, TrackStatus.down("bad"));
        report("b", b, TrackStatus.down("bad"));
        assertThat(instance.state()).isEqualTo(VrrpState.FAULT);
        Tracking.Changes changes = tracking.configure(List.of(), List.of());
        tracking.apply();
        assertThat(changes.removedChecks()).containsExactly("a", "b");
        assertThat(instance.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(priority()).isEqualTo(100);
        assertThat(tracking.contributions()).isEmpty();
    }

    private static TrackStatus value(int v) {
        return new TrackStatus(true, OptionalInt.of(v), "value " + v, Instant.now());
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
