package dev.vigil.net.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The addresses, routes and rules Vigil itself deleted a moment ago, so that the deletion
 * monitor does not take them for someone else's. The kernel's notification of an IPv6 address
 * deletion carries no trace of who asked for it, so the managers note each entry just before
 * they delete it, and a deletion of that entry seen within {@link #WINDOW_NANOS} is Vigil's own.
 * Shared by the bundle's managers and monitors (one process, one set of entries); thread-safe.
 */
final class OwnDeletions {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Far more than any configuration deletes at once; the oldest notes go first beyond it. */
    private static final int MAX_ENTRIES = 4096;

    static final OwnDeletions SHARED = new OwnDeletions(System::nanoTime);

    private final LongSupplier clock;
    private final Map<Object, Long> deletedAt = new LinkedHashMap<>();

    OwnDeletions(LongSupplier clock) {
        this.clock = clock;
    }

    /** Vigil is about to delete {@code entry} (a VirtualAddress, VirtualRoute or VirtualRule). */
    synchronized void deleting(Object entry) {
        expire();
        deletedAt.remove(entry); // re-inserted last: the newest note
        deletedAt.put(entry, clock.getAsLong());
        if (deletedAt.size() > MAX_ENTRIES) {
            Iterator<Object> oldest = deletedAt.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The delete found nothing to delete: no notification will come for it. */
    synchronized void notDeleted(Object entry) {
        deletedAt.remove(entry);
    }

    /** Whether a deletion of {@code entry} seen now is Vigil's own. */
    synchronized boolean ours(Object entry) {
        expire();
        return deletedAt.containsKey(entry);
    }

    private void expire() {
        long now = clock.getAsLong();
        deletedAt.values().removeIf(at -> now - at > WINDOW_NANOS);
    }
}
