package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.vigil.libc.LibC;
import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Topology;

/** One kept-open packet socket per namespace: announcements never pay the close-time RCU wait. */
class PacketSocketsNetnsTest {

    @Test
    void oneSocketPerNamespaceReusedAndClosedAtTheEnd() throws Exception {
        Netns.assumeRoot();
        try (Topology net = Topology.create(2);
                NetnsThread host1 = NetnsThread.enter(net.nsPath(1));
                NetnsThread host2 = NetnsThread.enter(net.nsPath(2))) {
            PacketSockets packets = new PacketSockets(LibC.get());
            int first = host1.call(packets::current);
            assertThat(host1.call(packets::current)).as("same namespace, same socket").isEqualTo(first);
            int other = host2.call(packets::current);
            assertThat(other).as("another namespace gets its own").isNotEqualTo(first);
            assertThat(socketKind(first)).startsWith("socket:");

            packets.close();
            assertThat(Files.exists(fd(first))).as("closed").isFalse();
            assertThat(Files.exists(fd(other))).as("closed").isFalse();
        }
    }

    private static Path fd(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    private static String socketKind(int fd) throws Exception {
        return Files.readSymbolicLink(fd(fd)).toString();
    }
}
