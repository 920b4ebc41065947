package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.LinkWatch;

/**
 * The links of the interfaces an instance without its own interface puts its addresses on:
 * keepalived tracks those, so a link down is FAULT (the address could not be put back) until
 * every one is up again. The reason goes to {@code fault} on the loop thread, null when all are up.
 */
final class AddressLinks implements AutoCloseable {

    private final List<LinkWatch> watches = new ArrayList<>();
    private final Set<String> down = new TreeSet<>(); // loop thread
    private final Consumer<String> fault;
    private volatile boolean closed;

    private AddressLinks(Consumer<String> fault) {
        this.fault = fault;
    }

    /** Watches each of {@code devices}; one that cannot be watched is warned about and counts as up. */
    static AddressLinks watch(LinkMonitor links, Collection<String> devices, Executor loop, Consumer<String> fault,
            Consumer<String> warnings) {
        AddressLinks watched = new AddressLinks(fault);
        for (String device : new TreeSet<>(devices)) {
            try {
                LinkWatch w = links.watch(device, up -> loop.execute(() -> watched.changed(device, up)));
                watched.watches.add(w);
                if (!w.up()) {
                    watched.down.add(device);
                }
            } catch (IOException e) {
                warnings.accept("cannot watch the link state of " + device + ": " + e.getMessage());
            }
        }
        watched.report(); // the baseline, which also clears what an earlier watch reported
        return watched;
    }

    private void changed(String device, boolean up) {
        if (!closed && (up ? down.remove(device) : down.add(device))) {
            report();
        }
    }

    private void report() {
        fault.accept(down.isEmpty() ? null : "interface " + String.join(", ", down) + " down");
    }

    @Override
    public void close() {
        closed = true;
        watches.forEach(LinkWatch::close);
        watches.clear();
    }
}
