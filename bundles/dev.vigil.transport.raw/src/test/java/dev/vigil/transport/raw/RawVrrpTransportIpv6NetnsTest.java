package dev.vigil.transport.raw;

import dev.vigil.testing.netns.TopologyExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;

/** VRRP over IPv6 (RFC 5798): ff02::12 from link-local sources, hop limit 255. */
class RawVrrpTransportIpv6NetnsTest {

    private static final InetAddress GROUP6 = RawVrrpTransportNetnsTest.address("ff02::12");

    @TempDir
    Path tmp;

    @RegisterExtension
    final TopologyExtension<NetnsThread> hosts = new TopologyExtension<>(2, 2, NetnsThread::enter);
    private final RawVrrpTransport transport = new RawVrrpTransport();

    @AfterEach
    void down() {
        transport.deactivate();
    }

    private Inet6Address linkLocal(int host) {
        return (Inet6Address) hosts.net().addresses(host).stream().filter(c -> c.startsWith("fe80:"))
                .map(c -> RawVrrpTransportNetnsTest.address(c.substring(0, c.indexOf('/')))).findFirst().orElseThrow();
    }

    private static ChannelSpec multicast6() {
        return new ChannelSpec("eth0", null, GROUP6, List.of());
    }

    @Test
    void multicastAdvertsTravelBothWaysFromLinkLocalWithHopLimit255() throws Exception {
        BlockingQueue<ReceivedPacket> in1 = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(multicast6(), in1::add));
        VrrpChannel c2 = hosts.host(2).call(() -> transport.open(multicast6(), in2::add));
        assertThat(c1.sourceAddress()).isEqualTo(linkLocal(1));
        assertThat(c1.destinations()).containsExactly(GROUP6);

        byte[] advert = VrrpV3.advert(52, 150, 100, c1.sourceAddress(), GROUP6, RawVrrpTransportNetnsTest.address("2001:db8::100"));
        c1.send(GROUP6, advert);
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.source()).isEqualTo(linkLocal(1));
        assertThat(at2.destination()).isEqualTo(GROUP6);
        assertThat(at2.ttl()).isEqualTo(255);
        assertThat(at2.vrrpMessage()).isEqualTo(advert);

        c2.send(GROUP6, advert);
        ReceivedPacket at1 = in1.poll(5, TimeUnit.SECONDS);
        assertThat(at1).isNotNull();
        assertThat(at1.source()).isEqualTo(linkLocal(2));
        assertThat(in1.poll(300, TimeUnit.MILLISECONDS)).as("no loop back to the sender").isNull();
        assertThat(in2).isEmpty();
    }

    @Test
    void unicastModeWithGlobalAddresses() throws Exception {
        hosts.net().exec(1, Duration.ofSeconds(5), "ip", "addr", "add", "2001:db8::11/64", "dev", "eth0").orThrow();
        hosts.net().exec(2, Duration.ofSeconds(5), "ip", "addr", "add", "2001:db8::12/64", "dev", "eth0").orThrow();
        InetAddress a1 = RawVrrpTransportNetnsTest.address("2001:db8::11");
        InetAddress a2 = RawVrrpTransportNetnsTest.address("2001:db8::12");
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(new ChannelSpec("eth0", a1, GROUP6, List.of(a2)), p -> { }));
        hosts.host(2).call(() -> transport.open(new ChannelSpec("eth0", a2, GROUP6, List.of(a1)), in2::add));
        byte[] advert = VrrpV3.advert(53, 100, 100, a1, a2, RawVrrpTransportNetnsTest.address("2001:db8::100"));
        c1.send(a2, advert);
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.source()).isEqualTo(a1);
        assertThat(at2.destination()).isEqualTo(a2);
        assertThat(at2.ttl()).isEqualTo(255);
        assertThat(at2.vrrpMessage()).isEqualTo(advert);
    }

    @Test
    void unicastTtlIsTheHopLimitOfUnicastAdverts() throws Exception {
        hosts.net().exec(1, Duration.ofSeconds(5), "ip", "addr", "add", "2001:db8::11/64", "dev", "eth0").orThrow();
        hosts.net().exec(2, Duration.ofSeconds(5), "ip", "addr", "add", "2001:db8::12/64", "dev", "eth0").orThrow();
        InetAddress a1 = RawVrrpTransportNetnsTest.address("2001:db8::11");
        InetAddress a2 = RawVrrpTransportNetnsTest.address("2001:db8::12");
        BlockingQueue<ReceivedPacket> in2 = new LinkedBlockingQueue<>();
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(new ChannelSpec("eth0", a1, GROUP6, List.of(a2), 10, 0),
                p -> { }));
        hosts.host(2).call(() -> transport.open(new ChannelSpec("eth0", a2, GROUP6, List.of(a1)), in2::add));
        c1.send(a2, VrrpV3.advert(53, 100, 100, a1, a2, RawVrrpTransportNetnsTest.address("2001:db8::100")));
        ReceivedPacket at2 = in2.poll(5, TimeUnit.SECONDS);
        assertThat(at2).isNotNull();
        assertThat(at2.ttl()).isEqualTo(10);
    }

    @Test
    void theWireShowsNextHeader112HopLimit255AndTrafficClassC0() throws Exception {
        VrrpChannel c1 = hosts.host(1).call(() -> transport.open(multicast6(), p -> { }));
        Capture cap = hosts.net().capture(2, "ip6 proto 112", tmp.resolve("vrrp6.pcap"));
        byte[] advert = VrrpV3.advert(52, 150, 100, c1.sourceAddress(), GROUP6, RawVrrpTransportNetnsTest.address("2001:db8::100"));
        c1.send(GROUP6, advert);
        cap.stop();
        List<String> rows = cap.tshark("-Y", "vrrp", "-T", "fields", "-E", "separator=,", "-e", "ipv6.nxt",
                "-e", "ipv6.hlim", "-e", "ipv6.tclass", "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "vrrp.virt_rtr_id");
        assertThat(rows).singleElement().satisfies(row -> {
            String[] f = row.split(",");
            assertThat(List.of(f[0], f[1], f[2], f[4], f[5])).containsExactly("112", "255", "0x000000c0", "ff02::12", "52");
            assertThat(RawVrrpTransportNetnsTest.address(f[3])).isEqualTo(linkLocal(1));
        });
    }

    @Test
    void aGlobalSourceIsRefusedForMulticast() {
        assertThatThrownBy(() -> hosts.host(1).call(() -> transport.open(
                new ChannelSpec("eth0", RawVrrpTransportNetnsTest.address("2001:db8::11"), GROUP6, List.of()), p -> { })))
                .isInstanceOf(IOException.class).hasMessageContaining("link-local");
        assertThat(transport.openChannels()).isEmpty();
    }

    @Test
    void keepalivedsIpv6AdvertsArriveAndOursPassItsChecksum() throws Exception {
        Assumptions.assumeTrue(Netns.run(Duration.ofSeconds(5), "keepalived", "--version").exitCode() != 127,
                "keepalived not installed: skipped");
        Path conf = tmp.resolve("keepalived6.conf");
        Files.writeString(conf, """
                vrrp_instance VI_6 {
                    state MASTER
                    interface eth0
                    virtual_router_id 54
                    priority 150
                    advert_int 1
                    virtual_ipaddress {
                        2001:db8::154/64
                    }
                }
                """);
        BlockingQueue<ReceivedPacket> in = new LinkedBlockingQueue<>();
        VrrpChannel ours = hosts.host(2).call(() -> transport.open(multicast6(), in::add));
        Proc keepalived = hosts.net().start(1, List.of("keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                "-p", tmp.resolve("k6.pid").toString(), "-r", tmp.resolve("k6-vrrp.pid").toString()), tmp.resolve("k6.log"));
        ReceivedPacket advert = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (advert == null && System.nanoTime() < deadline) {
            ReceivedPacket p = in.poll(500, TimeUnit.MILLISECONDS);
            if (p != null && (p.vrrpMessage()[1] & 0xff) == 54) {
                advert = p;
            }
        }
        assertThat(advert).as("keepalived log:%n%s", keepalived.log()).isNotNull();
        assertThat(advert.source()).isEqualTo(linkLocal(1));
        assertThat(advert.ttl()).isEqualTo(255);
        assertThat(advert.vrrpMessage()[0]).as("VRRPv3").isEqualTo((byte) 0x31);

        byte[] higher = VrrpV3.advert(54, 200, 100, ours.sourceAddress(), GROUP6, RawVrrpTransportNetnsTest.address("2001:db8::154"));
        String accepted = "with higher priority 200";
        boolean seen = false;
        for (int i = 0; i < 50 && !seen; i++) {
            ours.send(GROUP6, higher);
            seen = keepalived.waitForLog(accepted, Duration.ofMillis(200));
        }
        assertThat(seen).as("keepalived log:%n%s", keepalived.log()).isTrue();
        assertThat(keepalived.log()).doesNotContainIgnoringCase("invalid");
    }
}
