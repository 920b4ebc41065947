package dev.vigil.vrrp.engine;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

import dev.vigil.api.VrrpState;

/**
 * An immutable snapshot of one instance, safe to take from any thread.
 *
 * @param state current state (INIT before start and after stop)
 * @param since when it was entered
 * @param basePriority configured priority
 * @param effectivePriority advertised priority (trackers applied, clamped 1-254 unless 255)
 * @param primaryAddress the source address of our adverts, null before start
 * @param masterAddress our own address while MASTER, the last master heard while BACKUP, or null
 * @param advertIntervalCentis configured advert interval
 * @param masterAdvertIntervalCentis Master_Adver_Interval: for v3 learned from the master while
 *                                   BACKUP, else the configured one
 * @param vipsHeld whether this instance has put its VIPs on the interface
 * @param faultReason why FAULT, or null
 * @param counters by {@link Counter#key()}, in {@link Counter} order
 */
public record InstanceStatus(String name, VrrpState state, Instant since, int basePriority, int effectivePriority,
        InetAddress primaryAddress, InetAddress masterAddress, int advertIntervalCentis, int masterAdvertIntervalCentis,
        boolean vipsHeld, String faultReason, Map<String, Long> counters) {

    public InstanceStatus {
        counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }

    public long counter(Counter counter) {
        return counters.getOrDefault(counter.key(), 0L);
    }
}
