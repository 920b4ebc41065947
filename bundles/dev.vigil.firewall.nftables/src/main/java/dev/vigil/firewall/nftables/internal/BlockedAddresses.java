package dev.vigil.firewall.nftables.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which set elements each instance has blocked. An element stays in the table while any instance
 * blocks it, so the change to the table is the change to the union, not to one instance's list.
 * Not thread-safe.
 */
final class BlockedAddresses {

    /** What to add to and delete from the table. */
    record Change(Set<NftElement> added, Set<NftElement> removed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private final Map<String, Set<NftElement>> byInstance = new HashMap<>();

    /** The table change if {@code instance} blocked exactly {@code next}; nothing is recorded. */
    Change changeFor(String instance, Set<NftElement> next) {
        Set<NftElement> before = union(null);
        Set<NftElement> after = union(instance);
        after.addAll(next);
        Set<NftElement> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<NftElement> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        return new Change(added, removed);
    }

    /** Records that {@code instance} now blocks {@code next} (empty: nothing). */
    void set(String instance, Set<NftElement> next) {
        if (next.isEmpty()) {
            byInstance.remove(instance);
        } else {
            byInstance.put(instance, Set.copyOf(next));
        }
    }

    boolean isEmpty() {
        return byInstance.isEmpty();
    }

    void clear() {
        byInstance.clear();
    }

    private Set<NftElement> union(String except) {
        Set<NftElement> all = new LinkedHashSet<>();
        byInstance.forEach((name, elements) -> {
            if (!name.equals(except)) {
                all.addAll(elements);
            }
        });
        return all;
    }
}
