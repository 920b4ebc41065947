package dev.vigil.vrrp.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.api.StateChange;
import dev.vigil.api.VrrpState;

/** Keeps every log line and state change an instance reports, with the virtual time. */
public final class RecordingListener implements InstanceListener {

    public record Line(LogLevel level, String message) {
    }

    public record Change(long at, StateChange change) {
    }

    private final Scheduler clock;
    private final List<Line> lines = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<String> journal;

    public RecordingListener(Scheduler clock) {
        this(clock, new ArrayList<>());
    }

    public RecordingListener(Scheduler clock, List<String> journal) {
        this.clock = clock;
        this.journal = journal;
    }

    @Override
    public void log(LogLevel level, String message) {
        lines.add(new Line(level, message));
    }

    @Override
    public void stateChanged(StateChange change) {
        changes.add(new Change(clock.nanoTime(), change));
        journal.add("STATE " + change.to());
    }

    @Override
    public void masterReceivedLowerPriority(int ourPriority, InetAddress from) {
        events.add("MASTER_RX_LOWER_PRI " + ourPriority + " from " + from.getHostAddress());
    }

    @Override
    public void priorityChanged(VrrpState state, int priority) {
        events.add(state + "_PRIORITY " + priority);
    }

    /** The non-state events, as {@code MASTER_RX_LOWER_PRI 100 from ADDR} or {@code BACKUP_PRIORITY 90}. */
    public List<String> events() {
        return List.copyOf(events);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<String> messages() {
        return lines.stream().map(Line::message).toList();
    }

    public List<String> messages(LogLevel level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::message).toList();
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    public List<VrrpState> states() {
        return changes.stream().map(c -> c.change().to()).toList();
    }

    /** When this instance last entered {@code state}, or -1. */
    public long lastEntered(VrrpState state) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).change().to() == state) {
                return changes.get(i).at();
            }
        }
        return -1;
    }

    public void clear() {
        lines.clear();
        changes.clear();
        events.clear();
    }
}
