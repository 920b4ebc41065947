package dev.vigil.vrrp.engine;

import java.net.Inet4Address;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.VirtualAddress;

/**
 * Spaces gratuitous ARPs and unsolicited neighbour adverts per interface, as keepalived's
 * {@code vrrp_garp_interval} and {@code vrrp_gna_interval} do (vrrp_arp.c, vrrp_ndisc.c): with an
 * interval, a message that is not due yet waits in the interface's queue; the queue is served
 * round robin over its addresses, one message per interval; an address is queued once, with a
 * count of the messages it still owes (at most the burst's size). Without an interval every
 * message goes at once. The limit is the interface's, so one pacer serves every instance on a
 * scheduler.
 *
 * <p>Threading: the scheduler's thread only.
 */
public final class AnnouncementPacer {

    private final Scheduler scheduler;
    /** By device and family: ARP and NA are limited apart. */
    private final Map<String, Lane> lanes = new HashMap<>();

    public AnnouncementPacer(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    private static final class Lane {
        boolean sentOnce;
        long nextDue;
        long intervalNanos;
        boolean drainScheduled;
        final ArrayDeque<Owed> queue = new ArrayDeque<>();
        final Map<VirtualAddress, Owed> owed = new HashMap<>();
    }

    private static final class Owed {
        final VirtualAddress vip;
        final Consumer<VirtualAddress> sender;
        int count = 1;

        Owed(VirtualAddress vip, Consumer<VirtualAddress> sender) {
            this.vip = vip;
            this.sender = sender;
        }
    }

    /**
     * One message for {@code vip}, sent by {@code sender} now or when the interface's interval
     * allows. {@code burst} caps what one address may owe, as keepalived's {@code rep}.
     */
    public void announce(VirtualAddress vip, int burst, long intervalNanos, Consumer<VirtualAddress> sender) {
        Lane lane = lanes.computeIfAbsent(key(vip), k -> new Lane());
        lane.intervalNanos = intervalNanos;
        Owed owed = lane.owed.get(vip);
        if (owed != null) {
            if (owed.count < burst) {
                owed.count++;
            }
            return;
        }
        long now = scheduler.nanoTime();
        if (intervalNanos > 0 && lane.sentOnce && now - lane.nextDue < 0) {
            owed = new Owed(vip, sender);
            lane.owed.put(vip, owed);
            lane.queue.add(owed);
            scheduleDrain(lane, now);
            return;
        }
        send(lane, vip, sender, now);
    }

    /** Forgets what these addresses still owe: keepalived drops them when the instance leaves MASTER. */
    public void cancel(Collection<VirtualAddress> vips) {
        for (VirtualAddress vip : vips) {
            Lane lane = lanes.get(key(vip));
            if (lane != null) {
                Owed owed = lane.owed.remove(vip);
                if (owed != null) {
                    lane.queue.remove(owed);
                }
            }
        }
    }

    private void scheduleDrain(Lane lane, long now) {
        if (!lane.drainScheduled) {
            lane.drainScheduled = true;
            scheduler.schedule(() -> drain(lane), lane.nextDue - now);
        }
    }

    private void drain(Lane lane) {
        lane.drainScheduled = false;
        while (!lane.queue.isEmpty()) {
            long now = scheduler.nanoTime();
            if (now - lane.nextDue < 0) {
                break;
            }
            Owed owed = lane.queue.poll();
            send(lane, owed.vip, owed.sender, now);
            if (--owed.count > 0) {
                lane.queue.add(owed);
            } else {
                lane.owed.remove(owed.vip);
            }
        }
        if (!lane.queue.isEmpty()) {
            scheduleDrain(lane, scheduler.nanoTime());
        }
    }

    private static void send(Lane lane, VirtualAddress vip, Consumer<VirtualAddress> sender, long now) {
        sender.accept(vip);
        lane.sentOnce = lane.intervalNanos > 0;
        lane.nextDue = now + lane.intervalNanos;
    }

    private static String key(VirtualAddress vip) {
        return vip.device() + (vip.address() instanceof Inet4Address ? "/arp" : "/na");
    }
}
