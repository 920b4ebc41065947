package dev.vigil.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.VrrpState;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.Structs;

class UnixDatagramTest {

    @Test
    void sendsOneDatagramToASocketPath(@TempDir Path dir) throws Exception {
        LibC libc = LibC.get();
        Path path = dir.resolve("notify.sock");
        int receiver = libc.socket(1, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        try {
            libc.bind(receiver, Structs.sockaddrUn(path.toString()));
            try (UnixDatagram d = new UnixDatagram(path.toString())) {
                assertThat(d.send("READY=1\nSTATUS=1 VRRP instance(s), 1 MASTER")).isTrue();
            }
            byte[] buf = new byte[512];
            int n = libc.recvfrom(receiver, buf, Linux.MSG_DONTWAIT, new byte[Structs.SOCKADDR_STORAGE_SIZE]);
            assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("READY=1\nSTATUS=1 VRRP instance(s), 1 MASTER");
        } finally {
            libc.close(receiver);
        }
    }

    @Test
    void sendingWhereNobodyListensFailsQuietly(@TempDir Path dir) throws Exception {
        try (UnixDatagram d = new UnixDatagram(dir.resolve("nobody.sock").toString())) {
            assertThat(d.send("READY=1")).isFalse();
        }
    }

    @Test
    void readinessStatusNamesWhatIsStillStarting() {
        FakeRouter a = new FakeRouter();
        FakeRouter b = new FakeRouter();
        b.name = "VI_2";
        b.state = VrrpState.INIT;
        assertThat(SystemdNotify.readiness(List.of(a, b), List.of("VI_2")))
                .isEqualTo("2 VRRP instance(s), 1 MASTER; still starting: VI_2");
        assertThat(SystemdNotify.readiness(List.of(a), List.of())).isEqualTo("1 VRRP instance(s), 1 MASTER");
        assertThat(SystemdNotify.readiness(List.of(), List.of())).isEqualTo("no VRRP instances");
    }
}
