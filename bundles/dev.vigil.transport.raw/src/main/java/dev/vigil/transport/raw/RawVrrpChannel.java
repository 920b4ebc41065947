package dev.vigil.transport.raw;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.AdvertReceiver;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.Structs;

/**
 * One raw IPv4 socket (protocol 112) on one interface and the thread that reads it. The receive
 * thread owns the fd's end of life: {@link #close()} raises a flag, the thread notices within one
 * poll timeout, closes the fd and exits, so the fd number is never reused under a live reader.
 */
final class RawVrrpChannel implements VrrpChannel {

    /** How long the receive thread blocks in poll(2) before it re-checks the closed flag. */
    static final int POLL_MILLIS = 200;
    private static final int BUFFER_SIZE = 4096; // > any VRRP packet (IP header + 255 addresses)

    private final LibC libc;
    private final int fd;
    private final String interfaceName;
    private final Inet4Address source;
    private final List<InetAddress> destinations;
    private final AdvertReceiver receiver;
    private final Consumer<String> warnings;
    private final Runnable onClosed;
    private final Object fdLock = new Object();
    private final Thread receiveThread;
    private volatile boolean closed;
    private boolean fdClosed; // guarded by fdLock

    RawVrrpChannel(LibC libc, int fd, String interfaceName, Inet4Address source, List<InetAddress> destinations,
            AdvertReceiver receiver, Consumer<String> warnings, Runnable onClosed) {
        this.libc = libc;
        this.fd = fd;
        this.interfaceName = interfaceName;
        this.source = source;
        this.destinations = List.copyOf(destinations);
        this.receiver = receiver;
        this.warnings = warnings;
        this.onClosed = onClosed;
        this.receiveThread = new Thread(this::receiveLoop, threadName(interfaceName));
        this.receiveThread.setDaemon(true);
    }

    static String threadName(String interfaceName) {
        return "vigil-rx-" + interfaceName;
    }

    void start() {
        receiveThread.start();
    }

    @Override
    public InetAddress sourceAddress() {
        return source;
    }

    @Override
    public List<InetAddress> destinations() {
        return destinations;
    }

    @Override
    public void send(InetAddress destination, byte[] vrrpMessage) throws IOException {
        if (!(destination instanceof Inet4Address v4)) {
            throw new IOException("not an IPv4 destination: " + destination);
        }
        byte[] sockaddr = Structs.sockaddrIn(v4, 0);
        synchronized (fdLock) {
            if (fdClosed || closed) {
                throw new IOException("VRRP channel on " + interfaceName + " is closed");
            }
            libc.sendto(fd, vrrpMessage, vrrpMessage.length, 0, sockaddr);
        }
    }

    /** Stops the receive thread (within about {@link #POLL_MILLIS}) and closes the socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != receiveThread) {
            try {
                receiveThread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (receiveThread.isAlive()) {
                warnings.accept(receiveThread.getName() + " did not stop within 2 s; closing its socket anyway");
                closeFd();
            }
        }
        onClosed.run();
    }

    boolean isClosed() {
        return closed;
    }

    Thread receiveThread() {
        return receiveThread;
    }

    private void receiveLoop() {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            while (!closed) {
                int revents = libc.poll(fd, Linux.POLLIN, POLL_MILLIS);
                if (closed) {
                    break;
                }
                if ((revents & (Linux.POLLERR | Linux.POLLNVAL)) != 0 && (revents & Linux.POLLIN) == 0) {
                    warnings.accept("VRRP socket on " + interfaceName + " reports an error (poll revents 0x"
                            + Integer.toHexString(revents) + "); stopping its receiver");
                    break;
                }
                if ((revents & Linux.POLLIN) != 0) {
                    receiveOne(buffer);
                }
            }
        } catch (NativeException e) {
            if (!closed) {
                warnings.accept("VRRP receiver on " + interfaceName + " stopped: " + e.getMessage());
            }
        } finally {
            closeFd();
        }
    }

    private void receiveOne(byte[] buffer) throws NativeException {
        int length;
        try {
            length = libc.recvfrom(fd, buffer, Linux.MSG_DONTWAIT, null);
        } catch (NativeException e) {
            if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
                return;
            }
            throw e;
        }
        long now = System.nanoTime();
        ReceivedPacket packet = Ipv4Packets.parse(buffer, Math.min(length, buffer.length), now);
        if (packet == null) {
            return;
        }
        try {
            receiver.received(packet);
        } catch (RuntimeException e) {
            warnings.accept("VRRP receiver on " + interfaceName + " threw " + e);
        }
    }

    private void closeFd() {
        synchronized (fdLock) {
            if (fdClosed) {
                return;
            }
            fdClosed = true;
            try {
                libc.close(fd);
            } catch (NativeException e) {
                warnings.accept("closing VRRP socket on " + interfaceName + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "VRRP channel " + interfaceName + " " + source.getHostAddress() + " -> " + destinations;
    }
}
