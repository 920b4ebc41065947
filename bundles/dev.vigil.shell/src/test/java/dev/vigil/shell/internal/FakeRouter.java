package dev.vigil.shell.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.api.StateChange;
import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;

/** A VrrpRouter view with fields a test sets. */
final class FakeRouter implements VrrpRouter {
    String name = "VI_1";
    String iface = "eth0";
    int vrid = 51;
    int version = 2;
    VrrpState state = VrrpState.MASTER;
    Instant since = Instant.parse("2026-01-02T03:04:05Z");
    int base = 100;
    int effective = 100;
    InetAddress primary = addr("198.51.100.11");
    InetAddress master = addr("198.51.100.11");
    List<String> vips = new ArrayList<>(List.of("198.51.100.100/24 dev eth0"));
    int advertCentis = 100;
    Map<String, Long> counters = new LinkedHashMap<>(Map.of("sentAdvertisements", 12L));
    List<StateChange> transitions = new ArrayList<>();
    List<TrackerContribution> trackers = new ArrayList<>();
    List<String> faults = new ArrayList<>();
    boolean maintenance;

    static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override public String name() { return name; }
    @Override public String interfaceName() { return iface; }
    @Override public int virtualRouterId() { return vrid; }
    @Override public int version() { return version; }
    @Override public VrrpState state() { return state; }
    @Override public Instant stateSince() { return since; }
    @Override public int basePriority() { return base; }
    @Override public int effectivePriority() { return effective; }
    @Override public InetAddress primaryAddress() { return primary; }
    @Override public InetAddress masterAddress() { return master; }
    @Override public List<String> virtualAddresses() { return vips; }
    @Override public int advertIntervalCentis() { return advertCentis; }
    @Override public Map<String, Long> counters() { return counters; }
    @Override public List<StateChange> transitions() { return transitions; }
    @Override public List<TrackerContribution> trackers() { return trackers; }
    @Override public List<String> faultReasons() { return faults; }
    @Override public void setMaintenance(boolean on) { maintenance = on; }
    @Override public boolean maintenance() { return maintenance; }
}
