package dev.vigil.shell.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.shell.ctl.Protocol;

/**
 * The control socket: a Unix domain socket in the state dir ({@code vigil.sock}, mode 0600, the
 * daemon's user), one Gogo command per connection through the {@link CommandProcessor}, answered
 * with its output and a status (0, or 1 when the command failed). Nothing listens on a network
 * port. Off when there is no state dir (framework property {@code vigil.state.dir}) and no
 * {@code vigil.ctl.socket}.
 */
@Component(service = {}, immediate = true)
public class ControlSocket {

    static final String SOCKET_PROPERTY = "vigil.ctl.socket";
    private static final int WORKERS = 4;

    private final CommandProcessor processor;
    private final Logger log;
    private final Path path;
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final Thread acceptor;

    @Activate
    public ControlSocket(BundleContext context, @Reference CommandProcessor processor,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.processor = processor;
        this.log = log;
        this.path = socketPath(context.getProperty(SOCKET_PROPERTY), context.getProperty("vigil.state.dir"));
        if (path == null) {
            server = null;
            workers = null;
            acceptor = null;
            log.debug("no state dir: the control socket is off");
            return;
        }
        ServerSocketChannel bound = null;
        try {
            bound = bind(path);
        } catch (IOException e) {
            log.error("no control socket: {}", e.getMessage());
        }
        server = bound;
        if (server == null) {
            workers = null;
            acceptor = null;
            return;
        }
        workers = new ThreadPoolExecutor(1, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "vigil-ctl");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        acceptor = new Thread(this::accept, "vigil-ctl-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("Control socket {}", path);
    }

    static Path socketPath(String explicit, String stateDir) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (stateDir == null || stateDir.isBlank()) {
            return null;
        }
        return Path.of(stateDir, Protocol.SOCKET_NAME);
    }

    /**
     * Binds under a temporary name, makes it 0600, then renames it into place: there is no moment
     * when the socket exists at its real name with wider permissions.
     */
    static ServerSocketChannel bind(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path)) {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(path));
                throw new IOException("another daemon answers on " + path + " (two daemons with one state dir?)");
            } catch (java.net.SocketException stale) {
                // a leftover of a daemon that is gone: replaced below
            }
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".new-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(tmp));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                try {
                    workers.execute(() -> serve(client));
                } catch (java.util.concurrent.RejectedExecutionException busy) {
                    try (client) {
                        Protocol.writeFrame(client, Protocol.ERR, "vigil: too many control connections\n"
                                .getBytes(StandardCharsets.UTF_8));
                        Protocol.writeExit(client, 1);
                    }
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                log.warn("control socket: {}", e.getMessage());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            String request = Protocol.readLine(client);
            if (request.equals(Protocol.COMMANDS)) {
                Protocol.writeFrame(client, Protocol.OUT, String.join("\n", commands()).getBytes(StandardCharsets.UTF_8));
                Protocol.writeExit(client, 0);
            } else if (request.startsWith(Protocol.RUN)) {
                run(client, request.substring(Protocol.RUN.length()).strip());
            } else {
                Protocol.writeFrame(client, Protocol.ERR, "vigil: bad request\n".getBytes(StandardCharsets.UTF_8));
                Protocol.writeExit(client, 2);
            }
        } catch (IOException e) {
            log.debug("control connection ended: {}", e.getMessage());
        }
    }

    private void run(SocketChannel client, String line) throws IOException {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int status = 0;
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
                try {
                    Object result = session.execute(line);
                    if (result != null) {
                        CharSequence text = session.format(result, Converter.INSPECT);
                        out.println(text);
                    }
                } catch (Exception e) {
                    status = 1;
                    err.println(message(e));
                } finally {
                    session.close();
                }
            }
        }
        if (outBytes.size() > 0) {
            Protocol.writeFrame(client, Protocol.OUT, outBytes.toByteArray());
        }
        if (errBytes.size() > 0) {
            Protocol.writeFrame(client, Protocol.ERR, errBytes.toByteArray());
        }
        Protocol.writeExit(client, status);
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.toString();
        }
        java.util.regex.Matcher coerce = java.util.regex.Pattern.compile("^Cannot coerce (\\S+?)\\(").matcher(m);
        if (coerce.find()) {
            return m + " (wrong arguments: `help " + coerce.group(1) + "` tells them)";
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private List<String> commands() {
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Object names = session.get(".commands");
            List<String> out = new ArrayList<>();
            if (names instanceof Collection<?> c) {
                for (Object o : c) {
                    out.add(String.valueOf(o));
                }
            }
            out.sort(null);
            return out;
        } finally {
            session.close();
        }
    }

    @Deactivate
    void deactivate() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        acceptor.interrupt();
        workers.shutdownNow();
        try {
            Files.deleteIfExists(path);
        } catch (AccessDeniedException ignored) {
            // not ours to remove
        } catch (IOException e) {
            log.warn("cannot remove the control socket {}: {}", path, e.getMessage());
        }
    }
}
