package dev.vigil.shell.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtlTest {

    @Test
    void argumentsJoinIntoOneCommandLine() {
        assertThat(Ctl.commandLine(List.of("vrrp:show", "--json", "VI_1"))).isEqualTo("vrrp:show --json VI_1");
        assertThat(Ctl.commandLine(List.of("vrrp:list | grep MASTER"))).isEqualTo("vrrp:list | grep MASTER");
    }

    @Test
    void runSendsTheLineAndRelaysOutputErrorsAndStatus(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("t.sock");
        AtomicReference<String> request = new AtomicReference<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    request.set(Protocol.readLine(c));
                    Protocol.writeFrame(c, Protocol.OUT, "line 1\n".getBytes(StandardCharsets.UTF_8));
                    Protocol.writeFrame(c, Protocol.ERR, "oops\n".getBytes(StandardCharsets.UTF_8));
                    Protocol.writeExit(c, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Ctl.run(sock, "vrrp:show VI_1", new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            t.join(5000);
            assertThat(request.get()).isEqualTo("RUN vrrp:show VI_1");
            assertThat(status).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        }
    }

    @Test
    void exitWords() {
        assertThat(Ctl.isExit(" exit ")).isTrue();
        assertThat(Ctl.isExit("quit")).isTrue();
        assertThat(Ctl.isExit("vrrp:list")).isFalse();
    }
}
