package dev.vigil.notify.smtp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback that accepts connections and then either says nothing at all or
 * trickles a greeting that never ends, one byte at a time, so no single read ever times out.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentServer(boolean trickle) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(() -> serve(trickle), "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return accepted.size();
    }

    private void serve(boolean trickle) {
        try {
            Socket s = server.accept();
            accepted.add(s);
            if (trickle) {
                OutputStream out = s.getOutputStream();
                // Bounded: 600 bytes, 100 ms apart, at most a minute.
                for (int i = 0; i < 600 && !s.isClosed(); i++) {
                    out.write((i == 0 ? "220-" : "x").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
            }
        } catch (IOException | InterruptedException e) {
            // closed by the test, or the client went away
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        acceptor.interrupt();
        acceptor.join(5000);
    }
}
