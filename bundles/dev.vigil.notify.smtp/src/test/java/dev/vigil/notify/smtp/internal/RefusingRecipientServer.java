package dev.vigil.notify.smtp.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SMTP server on loopback for one connection that knows no recipient (550), recording the commands. */
final class RefusingRecipientServer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;
    final List<String> commands = new CopyOnWriteArrayList<>();

    RefusingRecipientServer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serveOne, "refusing-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serveOne() {
        try (Socket s = server.accept();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII)) {
            s.setSoTimeout(10_000);
            reply(out, "220 refusing.test ESMTP");
            for (int i = 0; i < 50; i++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                commands.add(line);
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "RCPT" -> reply(out, "550 5.1.1 no such user");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.join(5000);
    }
}
