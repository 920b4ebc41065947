package dev.vigil.transport.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;

/**
 * keepalived as the peer: its adverts reach our socket intact, and ours pass its checks (TTL,
 * length, checksum, addresses), so a higher priority from us sends it to BACKUP.
 */
class KeepalivedInteropNetnsTest {

    private static final InetAddress GROUP = RawVrrpTransportNetnsTest.address("224.0.0.18");
    private static final InetAddress VIP = RawVrrpTransportNetnsTest.address("198.51.100.100");

    @TempDir
    Path tmp;

    @Test
    void advertsInteroperateWithKeepalived() throws Exception {
        Netns.assumeRoot();
        Assumptions.assumeTrue(Netns.run(Duration.ofSeconds(5), "keepalived", "--version").exitCode() != 127,
                "keepalived not installed: skipped");
        RawVrrpTransport transport = new RawVrrpTransport();
        try (Topology net = Topology.create(2); NetnsThread host2 = NetnsThread.enter(net.nsPath(2))) {
            Path conf = tmp.resolve("keepalived.conf");
            Files.writeString(conf, """
                    global_defs {
                        router_id vigil_interop
                    }
                    vrrp_instance VI_1 {
                        state MASTER
                        interface eth0
                        virtual_router_id 51
                        priority 150
                        advert_int 1
                        virtual_ipaddress {
                            198.51.100.100/32
                        }
                    }
                    """);
            BlockingQueue<ReceivedPacket> in = new LinkedBlockingQueue<>();
            VrrpChannel ours = host2.call(() -> transport.open(new ChannelSpec("eth0", null, GROUP, List.of()), in::add));
            Proc keepalived = net.start(1, List.of("keepalived", "-n", "-l", "-D", "-P", "-f", conf.toString(),
                    "-p", tmp.resolve("k.pid").toString(), "-r", tmp.resolve("k-vrrp.pid").toString()),
                    tmp.resolve("keepalived.log"));

            ReceivedPacket advert = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (advert == null && System.nanoTime() < deadline) {
                ReceivedPacket p = in.poll(500, TimeUnit.MILLISECONDS);
                if (p != null && p.vrrpMessage().length >= 8 && (p.vrrpMessage()[1] & 0xff) == 51) {
                    advert = p;
                }
            }
            assertThat(advert).as("an advert from keepalived; its log:%n%s", keepalived.log()).isNotNull();
            assertThat(advert.source()).isEqualTo(net.address(1));
            assertThat(advert.destination()).isEqualTo(GROUP);
            assertThat(advert.ttl()).isEqualTo(255);
            assertThat(advert.vrrpMessage()[0]).as("VRRPv2 advertisement").isEqualTo((byte) 0x21);
            assertThat(advert.vrrpMessage()[2] & 0xff).as("priority").isEqualTo(150);

            // a higher priority from us: keepalived must accept the packet and step down
            byte[] higher = VrrpV2.advert(51, 200, VIP);
            String accepted = "received advert from 198.51.100.12 with higher priority 200";
            boolean seen = false;
            for (int i = 0; i < 50 && !seen; i++) {
                ours.send(GROUP, higher);
                seen = keepalived.waitForLog(accepted, Duration.ofMillis(200));
            }
            assertThat(seen).as("keepalived log:%n%s", keepalived.log()).isTrue();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            String log = keepalived.log();
            while (!log.substring(log.indexOf(accepted)).contains("Entering BACKUP STATE") && System.nanoTime() < until) {
                Thread.sleep(10);
                log = keepalived.log();
            }
            assertThat(log.substring(log.indexOf(accepted))).contains("Entering BACKUP STATE");
            assertThat(log).doesNotContainIgnoringCase("invalid");
        } finally {
            transport.deactivate();
        }
    }
}
