package dev.vigil.transport.raw;

import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.libc.Errno;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.Capture;

/**
 * Two hosts on a bridge, each with a channel opened on a thread that entered its namespace
 * (setns(2) on /var/run/netns/NAME): the socket belongs to that namespace for its whole life, so
 * one JVM plays both routers.
 */
class RawVrrpTransportNetnsTest {

    private static final InetAddress GROUP = address("224.0.0.18");

    @TempDir
    Path tmp;

    @RegisterExtension
    final TopologyExtension<NetnsThread> hosts = new TopologyExtension<>(2, 2, NetnsThread::enter);
    private final RawVrrpTransport transport = new RawVrrpTransport();

    @AfterEach
    void down() {
        transport.deactivate();
    }

    @Test
    void multicastAdvertsTravelBothWaysWithTtl255AndTheRightAddresses() throws Exception {
        BlockingQueue<ReceivedPacket> in1 = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(multicast(), in1::add));
        VrrpChannel c2 = hosts.host(2).call(() -> transport.open(multicast(), in2::add));
        assertThat(c1.sourceAddress()).isEqualTo(hosts.net().address(1)); // the interface's primary address
        assertThat(c1.destinations()).containsExactly(GROUP);

        byte[] fromOne = VrrpV2.advert(51, 150, address("198.51.100.100"));
        c1.send(GROUP, fromOne);
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.ttl()).isEqualTo(255);
        assertThat(at2.source()).isEqualTo(hosts.net().address(1));
        assertThat(at2.destination()).isEqualTo(GROUP);
        assertThat(at2.vrrpMessage()).isEqualTo(fromOne);

        byte[] fromTwo = VrrpV2.advert(51, 100, address("198.51.100.100"));
        c2.send(GROUP, fromTwo);
        ReceivedPacket at1 = in1.poll(5, TimeUnit.SECONDS);
        assertThat(at1).isNotNull();
        assertThat(at1.source()).isEqualTo(hosts.net().address(2));
        assertThat(at1.ttl()).isEqualTo(255);
        assertThat(at1.vrrpMessage()).isEqualTo(fromTwo);

        // multicast loop is off: neither router hears itself
        assertThat(in1.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(in2).isEmpty();
    }

    @Test
    void unicastModeSendsToThePeerFromTheSourceAddress() throws Exception {
        BlockingQueue<ReceivedPacket> in1 = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(
                new ChannelSpec("eth0", hosts.net().address(1), GROUP, List.of(hosts.net().address(2))), in1::add));
        VrrpChannel c2 = hosts.host(2).call(() -> transport.open(
                new ChannelSpec("eth0", null, GROUP, List.of(hosts.net().address(1))), in2::add));
        assertThat(c1.destinations()).containsExactly(hosts.net().address(2));
        assertThat(c2.sourceAddress()).isEqualTo(hosts.net().address(2));

        byte[] advert = VrrpV2.advert(7, 200, address("198.51.100.107"));
        c1.send(hosts.net().address(2), advert);
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.source()).isEqualTo(hosts.net().address(1));
        assertThat(at2.destination()).isEqualTo(hosts.net().address(2));
        assertThat(at2.ttl()).isEqualTo(255);
        assertThat(at2.vrrpMessage()).isEqualTo(advert);

        c2.send(hosts.net().address(1), advert);
        ReceivedPacket at1 = in1.poll(5, TimeUnit.SECONDS);
        assertThat(at1).isNotNull();
        assertThat(at1.destination()).isEqualTo(hosts.net().address(1));
    }

    @Test
    void unicastTtlSetsTheTtlOfUnicastAdvertsOnly() throws Exception {
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel unicast = hosts.host(1).call(() -> transport.open(
                new ChannelSpec("eth0", hosts.net().address(1), GROUP, List.of(hosts.net().address(2)), 64, 0),
                p -> { }));
        hosts.host(2).call(() -> transport.open(
                new ChannelSpec("eth0", null, GROUP, List.of(hosts.net().address(1))), in2::add));

        Capture cap = hosts.net().capture(2, "ip proto 112", tmp.resolve("unicast-ttl.pcap"));
        unicast.send(hosts.net().address(2), VrrpV2.advert(7, 200, address("198.51.100.107")));
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        cap.stop();
        assertThat(at2).isNotNull();
        assertThat(at2.ttl()).isEqualTo(64);
        assertThat(cap.tshark("-Y", "vrrp", "-T", "fields", "-E", "separator=,", "-e", "ip.ttl", "-e", "ip.dst"))
                .containsExactly("64,198.51.100.12");
    }

    @Test
    void multicastAdvertsKeepTtl255WhateverTheUnicastTtl() throws Exception {
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(
                new ChannelSpec("eth0", null, GROUP, List.of(), 64, 0), p -> { }));
        hosts.host(2).call(() -> transport.open(multicast(), in2::add));

        c1.send(GROUP, VrrpV2.advert(51, 150, address("198.51.100.100")));
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.ttl()).isEqualTo(255);
    }

    @Test
    void kernelRxBufSizeIsTheSocketsReceiveBuffer() throws Exception {
        int rmemMax = hosts.host(1).call(() -> sysctl("net/core/rmem_max"));
        int asked = Math.min(65536, rmemMax);
        RawVrrpChannel sized = (RawVrrpChannel) hosts.host(1).call(() -> transport.open(
                new ChannelSpec("eth0", null, GROUP, List.of(), ChannelSpec.DEFAULT_TTL, asked), p -> { }));
        RawVrrpChannel plain = (RawVrrpChannel) hosts.host(2).call(() -> transport.open(multicast(), p -> { }));

        // Linux doubles what it is asked for (socket(7)), below net.core.rmem_max
        assertThat(transport.receiveBufferBytes(sized)).isEqualTo(2 * asked);
        int kernelDefault = hosts.host(2).call(() -> sysctl("net/core/rmem_default"));
        assertThat(transport.receiveBufferBytes(plain)).isEqualTo(kernelDefault);
    }

    @Test
    void closingStopsTheReceiveThreadAndTheSocket() throws Exception {
        RawVrrpChannel c = (RawVrrpChannel) hosts.host(1).call(() -> transport.open(multicast(), p -> { }));
        Thread rx = c.receiveThread();
        assertThat(rx.getName()).isEqualTo("vigil-rx-eth0");
        assertThat(rx.isAlive()).isTrue();
        assertThat(transport.openChannels()).contains(c);

        c.close();

        assertThat(rx.isAlive()).isFalse(); // close() joins it
        assertThat(Thread.getAllStackTraces().keySet()).doesNotContain(rx);
        assertThat(transport.openChannels()).doesNotContain(c);
        assertThatThrownBy(() -> c.send(GROUP, new byte[8])).isInstanceOf(IOException.class).hasMessageContaining("closed");
        c.close(); // idempotent
    }

    @Test
    void deactivatingTheComponentClosesEveryChannelItOpened() throws Exception {
        RawVrrpChannel a = (RawVrrpChannel) hosts.host(1).call(() -> transport.open(multicast(), p -> { }));
        RawVrrpChannel b = (RawVrrpChannel) hosts.host(2).call(() -> transport.open(multicast(), p -> { }));
        transport.deactivate();
        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
        assertThat(a.receiveThread().isAlive()).isFalse();
        assertThat(b.receiveThread().isAlive()).isFalse();
        assertThat(transport.openChannels()).isEmpty();
    }

    @Test
    void theWireShowsProtocol112WithTtl255AndInternetworkControlTos() throws Exception {
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(multicast(), p -> { }));
        Capture cap = hosts.net().capture(2, "ip proto 112", tmp.resolve("vrrp.pcap"));
        for (int i = 0; i < 3; i++) {
            c1.send(GROUP, VrrpV2.advert(51, 150, address("198.51.100.100")));
        }
        cap.stop();
        List<String> rows = cap.tshark("-Y", "vrrp", "-T", "fields", "-E", "separator=,",
                "-e", "ip.ttl", "-e", "ip.proto", "-e", "ip.src", "-e", "ip.dst", "-e", "ip.dsfield", "-e", "vrrp.virt_rtr_id");
        assertThat(rows).hasSize(3).allMatch("255,112,198.51.100.11,224.0.0.18,0xc0,51"::equals);
    }

    @Test
    void errorsCarryTheKernelsReason() {
        assertThatThrownBy(() -> hosts.host(1).call(() -> transport.open(
                new ChannelSpec("vgnosuch0", null, GROUP, List.of()), p -> { })))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENODEV);
                    assertThat(e.getMessage()).contains("No such device (errno 19)");
                });
        // an interface without IPv4: a fresh veth pair inside host 1 (this kernel has no dummy driver)
        hosts.net().exec(1, Duration.ofSeconds(5), "ip", "link", "add", "noaddr0", "type", "veth", "peer", "name", "noaddr1").orThrow();
        assertThatThrownBy(() -> hosts.host(1).call(() -> transport.open(
                new ChannelSpec("noaddr0", null, GROUP, List.of()), p -> { })))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
                    assertThat(e.getMessage()).contains("primary IPv4 address of noaddr0");
                });
        // unicast mode binds the source: an address this host does not have is refused
        assertThatThrownBy(() -> hosts.host(1).call(() -> transport.open(
                new ChannelSpec("eth0", address("198.51.100.99"), GROUP, List.of(hosts.net().address(2))), p -> { })))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
                    assertThat(e.getMessage()).isEqualTo(
                            "bind unicast source 198.51.100.99 on eth0: Cannot assign requested address (errno 99)");
                });
        assertThat(transport.openChannels()).isEmpty();
    }

    /** Read by lines: Files.readString stops after the first byte of a /proc/sys file. */
    private static int sysctl(String path) throws IOException {
        return Integer.parseInt(java.nio.file.Files.readAllLines(Path.of("/proc/sys", path)).get(0).strip());
    }

    private static ChannelSpec multicast() {
        return new ChannelSpec("eth0", null, GROUP, List.of());
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
