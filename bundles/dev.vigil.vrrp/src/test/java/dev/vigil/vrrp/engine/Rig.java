package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VrrpChannel;

/** One instance on a simulated clock with a channel that records what it sends. */
final class Rig {

    static final InetAddress SELF = ip("198.51.100.5");
    static final InetAddress LOWER = ip("198.51.100.3");
    static final InetAddress HIGHER = ip("198.51.100.7");
    static final InetAddress GROUP = InstanceSettings.DEFAULT_MULTICAST_GROUP_V4;
    static final VirtualAddress VIP = new VirtualAddress(ip("198.51.100.100"), 24, "eth0", null);
    static final VirtualAddress VIP2 = new VirtualAddress(ip("198.51.100.101"), 24, "eth0", null);
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    record Sent(long at, InetAddress destination, byte[] message) {
        Advert advert() {
            return ((DecodeResult.Decoded) AdvertCodec.decode(message, SELF, destination)).advert();
        }
    }

    final SimulatedScheduler clock = new SimulatedScheduler();
    final List<String> journal = new ArrayList<>();
    final FakeVipManager vips = new FakeVipManager(clock::nanoTime, journal);
    final RecordingListener listener = new RecordingListener(clock, journal);
    final List<Sent> sent = new ArrayList<>();
    final InstanceSettings settings;
    final VrrpInstance instance;
    boolean sendFails;
    List<InetAddress> destinations = List.of(GROUP);

    final VrrpChannel channel = new VrrpChannel() {
        @Override
        public InetAddress sourceAddress() {
            return SELF;
        }

        @Override
        public List<InetAddress> destinations() {
            return destinations;
        }

        @Override
        public void send(InetAddress destination, byte[] vrrpMessage) throws IOException {
            if (sendFails) {
                throw new IOException("Network is unreachable");
            }
            sent.add(new Sent(clock.nanoTime(), destination, vrrpMessage.clone()));
            journal.add("ADVERT " + (vrrpMessage[2] & 0xff));
        }

        @Override
        public void close() {
        }
    };

    Rig(InstanceSettings settings) {
        this.settings = settings;
        this.instance = new VrrpInstance(settings, clock, vips, listener);
    }

    static InstanceSettings v2(int priority) {
        return InstanceSettings.defaults("VI_1", "eth0", 51, 2, priority, 100, List.of(VIP));
    }

    static InstanceSettings v3(int priority, int intervalCentis) {
        return InstanceSettings.defaults("VI_1", "eth0", 51, 3, priority, intervalCentis, List.of(VIP));
    }

    Rig start() {
        instance.start(channel);
        clock.runDue();
        return this;
    }

    /** Starts and runs until MASTER by the down timer (nobody else on the wire). */
    Rig startAsMaster() {
        start();
        clock.runFor(VrrpTimers.masterDownNanos(settings.version(), settings.priority(), settings.advertIntervalCentis()));
        if (instance.state() != VrrpState.MASTER) {
            throw new AssertionError("expected MASTER, is " + instance.state());
        }
        return this;
    }

    VrrpState state() {
        return instance.state();
    }

    long now() {
        return clock.nanoTime();
    }

    /** An advert from {@code from} for our VRID and settings, except its priority. */
    Advert advert(int priority) {
        List<InetAddress> addrs = settings.virtualAddresses().stream().map(VirtualAddress::address).toList();
        return settings.version() == 2
                ? Advert.v2(settings.virtualRouterId(), priority, settings.advertIntervalCentis() / 100, settings.authPass(), addrs)
                : Advert.v3(settings.virtualRouterId(), priority, settings.advertIntervalCentis(), addrs);
    }

    void inject(Advert advert, InetAddress from) {
        injectRaw(AdvertCodec.encode(advert, from, GROUP), from, GROUP, 255);
    }

    void injectRaw(byte[] message, InetAddress from, InetAddress to, int ttl) {
        instance.receive(new ReceivedPacket(from, to, ttl, message, clock.nanoTime()));
        clock.runDue();
    }

    List<Sent> sentSince(long time) {
        return sent.stream().filter(s -> s.at() >= time).toList();
    }

    List<Integer> sentPriorities() {
        return sent.stream().map(s -> s.message()[2] & 0xff).toList();
    }

    long counter(Counter c) {
        return instance.status().counter(c);
    }
}
