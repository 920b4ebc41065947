package dev.vigil.vrrp.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.vigil.api.dataplane.InterfaceInfo;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;

/** One host's interfaces as far as VIPs go: what is present, and every call made, in order. */
public final class FakeVipManager implements VipManager {

    public enum Kind { ADD, REMOVE, ANNOUNCE }

    /** @param changed for ADD/REMOVE, whether the call changed anything */
    public record Event(long at, Kind kind, VirtualAddress vip, boolean changed) {
    }

    private final LongSupplier clock;
    private final Set<VirtualAddress> present = new LinkedHashSet<>();
    private final List<Event> events = new ArrayList<>();
    private final Set<Kind> failing = EnumSet.noneOf(Kind.class);
    /** Shared with other recorders to check the order of calls across objects. */
    private final List<String> journal;

    public FakeVipManager(LongSupplier clock) {
        this(clock, new ArrayList<>());
    }

    public FakeVipManager(LongSupplier clock, List<String> journal) {
        this.clock = clock;
        this.journal = journal;
    }

    /** Makes every call of these kinds throw, as netlink does when it refuses. */
    public void failing(Kind... kinds) {
        failing.clear();
        failing.addAll(List.of(kinds));
    }

    /** Someone else ({@code ip addr del}) deletes the address: no event of ours. */
    public void deletedBySomeoneElse(VirtualAddress vip) {
        present.remove(vip);
    }

    /** An address someone else (an earlier run) left on the interface. */
    public void preset(VirtualAddress vip) {
        present.add(vip);
    }

    @Override
    public boolean add(VirtualAddress vip) throws IOException {
        check(Kind.ADD);
        boolean changed = present.add(vip);
        record(Kind.ADD, vip, changed);
        return changed;
    }

    @Override
    public boolean remove(VirtualAddress vip) throws IOException {
        check(Kind.REMOVE);
        boolean changed = present.remove(vip);
        record(Kind.REMOVE, vip, changed);
        return changed;
    }

    @Override
    public boolean present(VirtualAddress vip) {
        return present.contains(vip);
    }

    @Override
    public void announce(VirtualAddress vip) throws IOException {
        check(Kind.ANNOUNCE);
        record(Kind.ANNOUNCE, vip, true);
    }

    @Override
    public Optional<InterfaceInfo> interfaceInfo(String name, Class<? extends InetAddress> family) {
        return Optional.empty();
    }

    public Set<VirtualAddress> held() {
        return Set.copyOf(present);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    public void clearEvents() {
        events.clear();
    }

    private void check(Kind kind) throws IOException {
        if (failing.contains(kind)) {
            throw new IOException("RTNETLINK answers: Operation not permitted");
        }
    }

    private void record(Kind kind, VirtualAddress vip, boolean changed) {
        events.add(new Event(clock.getAsLong(), kind, vip, changed));
        journal.add(kind + " " + vip.address().getHostAddress());
    }
}
