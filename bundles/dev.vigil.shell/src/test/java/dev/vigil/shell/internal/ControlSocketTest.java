package dev.vigil.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {

    @Test
    void socketIsInTheStateDirUnlessNamed() {
        assertThat(ControlSocket.socketPath(null, "/run/vigil")).isEqualTo(Path.of("/run/vigil/vigil.sock"));
        assertThat(ControlSocket.socketPath("/tmp/x.sock", "/run/vigil")).isEqualTo(Path.of("/tmp/x.sock"));
        assertThat(ControlSocket.socketPath(null, null)).isNull();
        assertThat(ControlSocket.socketPath(" ", "")).isNull();
    }

    @Test
    void boundSocketIsOwnerOnlyAndAcceptsConnections(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("state").resolve("vigil.sock");
        Files.createDirectories(sock.getParent());
        Files.writeString(sock, "stale"); // a leftover from a killed daemon is replaced
        try (ServerSocketChannel server = ControlSocket.bind(sock)) {
            assertThat(Files.getPosixFilePermissions(sock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                assertThat(c.connect(UnixDomainSocketAddress.of(sock))).isTrue();
            }
            try (var files = Files.list(sock.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("vigil.sock");
            }
        }
    }

    @Test
    void aLiveSocketIsNeverTakenOver(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("vigil.sock");
        try (ServerSocketChannel first = ControlSocket.bind(sock)) {
            assertThatThrownBy(() -> ControlSocket.bind(sock)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("another daemon answers on " + sock);
            assertThat(first.isOpen()).isTrue();
        }
    }

    @Test
    void errorMessagesComeFromTheCause() {
        Exception e = new java.lang.reflect.InvocationTargetException(new IllegalArgumentException("no VRRP instance named 'X'"));
        assertThat(ControlSocket.message(e)).isEqualTo("no VRRP instance named 'X'");
        assertThat(ControlSocket.message(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
        assertThat(ControlSocket.message(new IllegalArgumentException("Cannot coerce list(Token) to any of [(boolean)]")))
                .isEqualTo("Cannot coerce list(Token) to any of [(boolean)] (wrong arguments: `help list` tells them)");
    }
}
