package dev.vigil.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Topology;

/** Runs on the plain class path (jnr-ffi as an ordinary dependency). */
class LibCTest {

    private final LibC libc = LibC.get();

    @Test
    void errorsCarryErrnoAndTheKernelsText() {
        assertThatThrownBy(() -> libc.ifNameToIndex("vgnosuchif0"))
                .isInstanceOfSatisfying(NativeException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENODEV);
                    assertThat(e.reason()).isEqualTo("No such device");
                    assertThat(e.getMessage()).isEqualTo("if_nametoindex(vgnosuchif0): No such device (errno 19)");
                });
        assertThat(libc.strerror(Errno.EEXIST)).isEqualTo("File exists");
        assertThatThrownBy(() -> libc.open("/nonexistent/vigil", Linux.O_RDONLY))
                .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void socketOptionsRoundTripAndPollTimesOut() throws Exception {
        Netns.assumeRoot();
        try (Topology net = Topology.create(1); NetnsThread host = NetnsThread.enter(net.nsPath(1))) {
            int fd = host.call(() -> libc.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0));
            try {
                libc.setsockopt(fd, Linux.IPPROTO_IP, Linux.IP_TTL, 255);
                assertThat(libc.getsockoptInt(fd, Linux.IPPROTO_IP, Linux.IP_TTL)).isEqualTo(255);
                libc.setsockopt(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_LOOP, 0);
                assertThat(libc.getsockoptInt(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_LOOP)).isZero();
                assertThat(libc.poll(fd, Linux.POLLIN, 20)).isZero();
                assertThatThrownBy(() -> libc.setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_BINDTODEVICE, Structs.cString("vgnosuchif0")))
                        .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
            } finally {
                libc.close(fd);
            }
            assertThatThrownBy(() -> libc.close(fd)).isInstanceOfSatisfying(NativeException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
        }
    }

    @Test
    void netnsThreadSeesOnlyItsNamespacesInterfacesAndSendsAndReceives() throws Exception {
        Netns.assumeRoot();
        try (Topology net = Topology.create(1);
                NetnsThread host = NetnsThread.enter(net.nsPath(1));
                NetnsThread hub = NetnsThread.enter(Path.of("/var/run/netns", net.hubNs()))) {
            String expectedIndex = net.exec(1, Duration.ofSeconds(5), "cat", "/sys/class/net/eth0/ifindex").orThrow().stdout().strip();
            assertThat(host.call(() -> libc.ifNameToIndex("eth0"))).isEqualTo(Integer.parseInt(expectedIndex));
            // the bridge port lives in the hub: invisible from the host namespace, visible from the hub
            assertThatThrownBy(() -> host.call(() -> libc.ifNameToIndex(net.bridgePort(1))))
                    .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENODEV));
            assertThat(hub.call(() -> libc.ifNameToIndex(net.bridgePort(1)))).isPositive();

            // UDP between two sockets on the namespace's own address: sendto / poll / recvfrom with sender
            Inet4Address self = net.address(1);
            String received = host.call(() -> udpRoundTrip(self));
            assertThat(received).isEqualTo("hello from 198.51.100.11");
        }
    }

    private String udpRoundTrip(Inet4Address self) throws Exception {
        int fd = libc.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        int rx = libc.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        try {
            libc.bind(rx, Structs.sockaddrIn(self, 40000));
            byte[] msg = "hello".getBytes(StandardCharsets.US_ASCII);
            assertThat(libc.sendto(fd, msg, msg.length, 0, Structs.sockaddrIn(self, 40000))).isEqualTo(5);
            assertThat(libc.poll(rx, Linux.POLLIN, 2000) & Linux.POLLIN).isNotZero();
            byte[] buf = new byte[64];
            byte[] from = new byte[Structs.SOCKADDR_STORAGE_SIZE];
            int n = libc.recvfrom(rx, buf, 0, from);
            InetAddress sender = Structs.sockaddrAddress(from);
            return new String(buf, 0, n, StandardCharsets.US_ASCII) + " from " + sender.getHostAddress();
        } finally {
            libc.close(rx);
            libc.close(fd);
        }
    }

    @Test
    void recvmsgDeliversAncillaryData() throws Exception {
        Netns.assumeRoot();
        try (Topology net = Topology.create(1); NetnsThread host = NetnsThread.enter(net.nsPath(1))) {
            String summary = host.call(() -> {
                java.net.Inet6Address loopback = (java.net.Inet6Address) InetAddress.getByName("::1");
                int rx = libc.socket(Linux.AF_INET6, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
                int tx = libc.socket(Linux.AF_INET6, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
                try {
                    libc.bind(rx, Structs.sockaddrIn6(loopback, 40001, 0));
                    libc.setsockopt(rx, Linux.IPPROTO_IPV6, Linux.IPV6_RECVHOPLIMIT, 1);
                    libc.setsockopt(rx, Linux.IPPROTO_IPV6, Linux.IPV6_RECVPKTINFO, 1);
                    libc.setsockopt(tx, Linux.IPPROTO_IPV6, Linux.IPV6_UNICAST_HOPS, 77);
                    byte[] msg = "hi".getBytes(StandardCharsets.US_ASCII);
                    libc.sendto(tx, msg, msg.length, 0, Structs.sockaddrIn6(loopback, 40001, 0));
                    assertThat(libc.poll(rx, Linux.POLLIN, 2000) & Linux.POLLIN).isNotZero();
                    byte[] buf = new byte[16];
                    byte[] from = new byte[Structs.SOCKADDR_STORAGE_SIZE];
                    byte[] control = new byte[256];
                    Received r = libc.recvmsg(rx, buf, from, control, 0);
                    StringBuilder sb = new StringBuilder(new String(buf, 0, r.length(), StandardCharsets.US_ASCII));
                    sb.append(" from ").append(Structs.sockaddrAddress(from).getHostAddress());
                    for (ControlMessage m : ControlMessage.parse(control, r.controlLength())) {
                        if (m.type() == Linux.IPV6_HOPLIMIT) {
                            sb.append(" hops ").append(m.intValue());
                        } else if (m.type() == Linux.IPV6_PKTINFO) {
                            sb.append(" to ").append(InetAddress.getByAddress(java.util.Arrays.copyOf(m.data(), 16)).getHostAddress());
                        }
                    }
                    return sb.toString();
                } finally {
                    libc.close(rx);
                    libc.close(tx);
                }
            });
            assertThat(summary).isIn("hi from 0:0:0:0:0:0:0:1 to 0:0:0:0:0:0:0:1 hops 77", "hi from 0:0:0:0:0:0:0:1 hops 77 to 0:0:0:0:0:0:0:1");
        }
    }
}
