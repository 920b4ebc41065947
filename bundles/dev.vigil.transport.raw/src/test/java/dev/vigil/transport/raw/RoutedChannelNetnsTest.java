package dev.vigil.transport.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.Result;
import dev.vigil.testing.netns.TopologyExtension;

/**
 * Channels without an interface (keepalived's unicast instance without {@code interface}): each
 * host has its VRRP address on its loopback and reaches the other's through a route via the
 * bridge, so only the routing table can take the adverts there.
 */
class RoutedChannelNetnsTest {

    private static final InetAddress GROUP = address("224.0.0.18");
    private static final Duration CMD = Duration.ofSeconds(10);

    @RegisterExtension
    final TopologyExtension<NetnsThread> hosts = new TopologyExtension<>(2, 2, NetnsThread::enter);
    private final RawVrrpTransport transport = new RawVrrpTransport();

    @AfterEach
    void down() {
        transport.deactivate();
    }

    @Test
    void aChannelWithoutAnInterfaceSendsThroughTheRouteAndReceivesFromThePeer() throws Exception {
        routedAddresses("");
        BlockingQueue<ReceivedPacket> in1 = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(routed(1, 2, ""), in1::add));
        VrrpChannel c2 = hosts.host(2).call(() -> transport.open(routed(2, 1, ""), in2::add));
        assertThat(c1.sourceAddress()).isEqualTo(routedAddress(1));

        exchange(c1, in1, c2, in2);
    }

    @Test
    void aChannelInAVrfUsesTheVrfsRoutingTable() throws Exception {
        routedAddresses("vrf-blue");
        BlockingQueue<ReceivedPacket> in1 = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(routed(1, 2, "vrf-blue"), in1::add));
        VrrpChannel c2 = hosts.host(2).call(() -> transport.open(routed(2, 1, "vrf-blue"), in2::add));

        exchange(c1, in1, c2, in2);
    }

    private void exchange(VrrpChannel c1, BlockingQueue<ReceivedPacket> in1, VrrpChannel c2,
            BlockingQueue<ReceivedPacket> in2) throws Exception {
        byte[] advert = VrrpV2.advert(7, 200, address("198.51.100.107"));
        c1.send(routedAddress(2), advert);
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.source()).isEqualTo(routedAddress(1));
        assertThat(at2.destination()).isEqualTo(routedAddress(2));
        assertThat(at2.ttl()).isEqualTo(255);
        assertThat(at2.vrrpMessage()).isEqualTo(advert);

        c2.send(routedAddress(1), advert);
        ReceivedPacket at1 = in1.poll(5, TimeUnit.SECONDS);
        assertThat(at1).isNotNull();
        assertThat(at1.source()).isEqualTo(routedAddress(2));
    }

    private ChannelSpec routed(int self, int peer, String vrf) {
        return new ChannelSpec("", routedAddress(self), GROUP, List.of(routedAddress(peer)), ChannelSpec.DEFAULT_TTL, 0,
                vrf);
    }

    /**
     * 203.0.113.H/32 on each host's loopback (with a VRF: on the VRF device, the VRF's loopback)
     * and a /32 route to the other's via its bridge address (with a VRF: in the VRF's table, eth0
     * enslaved to it). A kernel without VRF support skips the VRF test.
     */
    private void routedAddresses(String vrf) {
        if (!vrf.isEmpty()) {
            Result made = hosts.net().exec(1, CMD, "ip", "link", "add", vrf, "type", "vrf", "table", "10");
            assumeTrue(made.ok(), "this kernel has no VRF support (" + made.stderr().strip() + "): skipped");
        }
        for (int h = 1; h <= 2; h++) {
            int other = 3 - h;
            String loopback = vrf.isEmpty() ? "lo" : vrf;
            if (!vrf.isEmpty()) {
                if (h != 1) {
                    hosts.net().exec(h, CMD, "ip", "link", "add", vrf, "type", "vrf", "table", "10").orThrow();
                }
                hosts.net().exec(h, CMD, "ip", "link", "set", vrf, "up").orThrow();
                hosts.net().exec(h, CMD, "ip", "link", "set", "eth0", "master", vrf).orThrow();
            }
            hosts.net().exec(h, CMD, "ip", "addr", "add", routedAddress(h).getHostAddress() + "/32", "dev", loopback)
                    .orThrow();
            List<String> route = new ArrayList<>(List.of("ip", "route", "add",
                    routedAddress(other).getHostAddress() + "/32", "via", hosts.net().address(other).getHostAddress()));
            if (!vrf.isEmpty()) {
                route.addAll(List.of("vrf", vrf));
            }
            hosts.net().exec(h, CMD, route.toArray(String[]::new)).orThrow();
        }
    }

    private static InetAddress routedAddress(int host) {
        return address("203.0.113." + host);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
