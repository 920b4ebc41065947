package dev.vigil.notify.smtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

/**
 * The whole SMTP exchange's time limit. Jakarta Mail's timeouts bound each connect, read and
 * write, but a server that trickles a byte now and then never lets a read time out; closing the
 * sockets this factory made ends such an exchange (and one abandoned by {@link #cutOff}) at once.
 * Given to Jakarta Mail as {@code mail.smtp.socketFactory}, which asks for unconnected sockets.
 */
final class ConversationDeadline extends SocketFactory implements AutoCloseable {

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final int connectTimeoutMillis;
    private final ScheduledFuture<?> timer;
    private volatile String cutOffBecause;

    ConversationDeadline(ScheduledExecutorService timers, long limitMillis, int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.timer = timers.schedule(() -> cutOff("the exchange took longer than " + limitMillis + " ms"),
                limitMillis, TimeUnit.MILLISECONDS);
    }

    /** Ends the exchange now: whatever it is blocked in fails with a closed socket. */
    void cutOff(String because) {
        cutOffBecause = because;
        sockets.forEach(ConversationDeadline::closeQuietly);
    }

    /** Why the exchange was ended from outside (its failure is then this, not the closed socket), or null. */
    String cutOffBecause() {
        return cutOffBecause;
    }

    @Override
    public Socket createSocket() {
        Socket s = new Socket();
        sockets.add(s);
        if (cutOffBecause != null) {
            closeQuietly(s);
        }
        return s;
    }

    // The connected forms every SocketFactory has; Jakarta Mail uses createSocket() and connects
    // with its own connect timeout, these connect with the same one.

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote, connectTimeoutMillis);
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            throw e;
        }
    }

    /** The exchange is over: stops the timer (the sockets are Jakarta Mail's to close). */
    @Override
    public void close() {
        timer.cancel(false);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing to abort: nothing more to do
        }
    }
}
