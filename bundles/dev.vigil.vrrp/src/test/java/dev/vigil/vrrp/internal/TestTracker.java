package dev.vigil.vrrp.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.vigil.api.track.TrackStatus;
import dev.vigil.api.track.Tracker;

/** A tracker whose status the test sets; it tells subscribers as a real one does. */
final class TestTracker implements Tracker {

    private final List<Consumer<TrackStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile TrackStatus status = TrackStatus.PENDING;

    void set(TrackStatus next) {
        status = next;
        listeners.forEach(l -> l.accept(next));
    }

    int subscribers() {
        return listeners.size();
    }

    @Override
    public TrackStatus status() {
        return status;
    }

    @Override
    public AutoCloseable subscribe(Consumer<TrackStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
