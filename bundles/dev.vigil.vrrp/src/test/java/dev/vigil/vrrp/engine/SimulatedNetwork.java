package dev.vigil.vrrp.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.vigil.api.dataplane.AdvertReceiver;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VrrpChannel;

/**
 * A broadcast medium between simulated routers: every message sent to the multicast group
 * reaches every other attached port (a unicast one only its addressee) after a fixed latency,
 * unless it is lost (seeded probability) or the two ports are in different partitions.
 */
public final class SimulatedNetwork {

    /** One copy that arrived at a port. */
    public record Delivery(long at, InetAddress from, InetAddress to, byte[] message) {
        public int priority() {
            return message.length > 2 ? message[2] & 0xff : -1;
        }
    }

    /** One message as sent. */
    public record Sent(long at, InetAddress from, InetAddress destination, byte[] message) {
        public int priority() {
            return message[2] & 0xff;
        }
    }

    private final SimulatedScheduler scheduler;
    private final long latencyNanos;
    private final Random random;
    private final InetAddress group;
    private final Map<InetAddress, Port> ports = new LinkedHashMap<>();
    private final Map<InetAddress, Integer> partitionOf = new HashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private double loss;
    private int ttl = 255;

    public SimulatedNetwork(SimulatedScheduler scheduler, long latencyNanos, long seed) {
        this.scheduler = scheduler;
        this.latencyNanos = latencyNanos;
        this.random = new Random(seed);
        this.group = InstanceSettings.DEFAULT_MULTICAST_GROUP_V4;
    }

    public long latencyNanos() {
        return latencyNanos;
    }

    /** Attaches a host: its channel sends from {@code source} to the group. */
    public Port attach(InetAddress source, AdvertReceiver receiver) {
        return attach(source, List.of(group), receiver);
    }

    public Port attach(InetAddress source, List<InetAddress> destinations, AdvertReceiver receiver) {
        Port port = new Port(source, List.copyOf(destinations), receiver);
        ports.put(source, port);
        return port;
    }

    public void setLoss(double probability) {
        this.loss = probability;
    }

    /** Every copy sent from now on carries this TTL (255 normally). */
    public void setTtl(int ttl) {
        this.ttl = ttl;
    }

    /** Splits the hosts: only hosts of the same set hear each other; hosts in no set are alone. */
    public void partition(List<Set<InetAddress>> groups) {
        partitionOf.clear();
        int id = 1;
        for (Set<InetAddress> g : groups) {
            for (InetAddress a : g) {
                partitionOf.put(a, id);
            }
            id++;
        }
    }

    public void heal() {
        partitionOf.clear();
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public List<Sent> sent() {
        return sent;
    }

    /** The last copy {@code to} received from {@code from} at or before {@code before}, or null. */
    public Delivery lastDelivery(InetAddress from, InetAddress to, long before) {
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            Delivery d = deliveries.get(i);
            if (d.at() <= before && d.from().equals(from) && d.to().equals(to)) {
                return d;
            }
        }
        return null;
    }

    public void clearRecords() {
        deliveries.clear();
        sent.clear();
    }

    private boolean connected(InetAddress a, InetAddress b) {
        if (partitionOf.isEmpty()) {
            return true;
        }
        Integer pa = partitionOf.get(a);
        Integer pb = partitionOf.get(b);
        return pa != null && pa.equals(pb);
    }

    private void transmit(Port from, InetAddress destination, byte[] message) {
        long now = scheduler.nanoTime();
        sent.add(new Sent(now, from.source, destination, message.clone()));
        int copyTtl = ttl;
        for (Port to : List.copyOf(ports.values())) {
            if (to == from || !to.attached) {
                continue;
            }
            if (!destination.isMulticastAddress() && !destination.equals(to.source)) {
                continue;
            }
            if (!connected(from.source, to.source) || (loss > 0 && random.nextDouble() < loss)) {
                continue;
            }
            byte[] copy = message.clone();
            scheduler.schedule(() -> {
                if (to.attached && connected(from.source, to.source)) {
                    long at = scheduler.nanoTime();
                    deliveries.add(new Delivery(at, from.source, to.source, copy));
                    to.receiver.received(new ReceivedPacket(from.source, destination, copyTtl, copy, at));
                }
            }, latencyNanos);
        }
    }

    /** A host's attachment; also its {@link VrrpChannel}. */
    public final class Port implements VrrpChannel {
        private final InetAddress source;
        private final List<InetAddress> destinations;
        private final AdvertReceiver receiver;
        private boolean attached = true;

        Port(InetAddress source, List<InetAddress> destinations, AdvertReceiver receiver) {
            this.source = source;
            this.destinations = destinations;
            this.receiver = receiver;
        }

        @Override
        public InetAddress sourceAddress() {
            return source;
        }

        @Override
        public List<InetAddress> destinations() {
            return destinations;
        }

        @Override
        public void send(InetAddress destination, byte[] vrrpMessage) throws IOException {
            if (!attached) {
                throw new IOException("Network is unreachable");
            }
            transmit(this, destination, vrrpMessage);
        }

        /** Unplugs the host: it neither sends nor receives (also what a crash looks like). */
        @Override
        public void close() {
            attached = false;
        }

        public boolean attached() {
            return attached;
        }
    }
}
