package dev.vigil.transport.raw;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
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
import dev.vigil.libc.Received;
import dev.vigil.libc.Structs;

/**
 * One raw IPv4 or IPv6 socket (protocol 112) on one interface and the thread that reads it. The receive
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
    private final InetAddress source;
    private final int ifindex;
    private final boolean ipv6;
    private final List<InetAddress> destinations;
    private final AdvertReceiver receiver;
    private final Consumer<String> warnings;
    private final Runnable onClosed;
    private final Object fdLock = new Object();
    private final Thread receiveThread;
    private volatile boolean closed;
    private boolean fdClosed; // guarded by fdLock

    RawVrrpChannel(LibC libc, int fd, String interfaceName, int ifindex, InetAddress source, List<InetAddress> destinations,
            AdvertReceiver receiver, Consumer<String> warnings, Runnable onClosed) {
        this.libc = libc;
        this.fd = fd;
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.source = source;
        this.ipv6 = source instanceof Inet6Address;
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

    int fd() {
        return fd;
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
        byte[] sockaddr;
        if (destination instanceof Inet4Address v4 && !ipv6) {
            sockaddr = Structs.sockaddrIn(v4, 0);
        } else if (destination instanceof Inet6Address v6 && ipv6) {
            sockaddr = Structs.sockaddrIn6(v6, 0, Ipv6Packets.needsScope(v6) ? ifindex : 0);
        } else {
            throw new IOException("destination " + destination.getHostAddress() + " is not of the channel's family");
        }
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
        ReceivedPacket packet;
        try {
            packet = ipv6 ? receiveV6(buffer) : receiveV4(buffer);
        } catch (NativeException e) {
            if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
                return;
            }
            throw e;
        }
        if (packet == null) {
            return;
        }
        try {
            receiver.received(packet);
        } catch (RuntimeException e) {
            warnings.accept("VRRP receiver on " + interfaceName + " threw " + e);
        }
    }

    /** IPv4 raw sockets hand over the IP header: TTL and addresses come from it. */
    private ReceivedPacket receiveV4(byte[] buffer) throws NativeException {
        int length = libc.recvfrom(fd, buffer, Linux.MSG_DONTWAIT, null);
        return Ipv4Packets.parse(buffer, Math.min(length, buffer.length), System.nanoTime());
    }

    /** IPv6 raw sockets do not: the hop limit and destination come as ancillary data. */
    private ReceivedPacket receiveV6(byte[] buffer) throws NativeException {
        byte[] from = new byte[Structs.SOCKADDR_IN6_SIZE];
        byte[] control = new byte[Ipv6Packets.CONTROL_SIZE];
        Received r = libc.recvmsg(fd, buffer, from, control, Linux.MSG_DONTWAIT);
        return Ipv6Packets.toPacket(buffer, Math.min(r.length(), buffer.length), from, control, r.controlLength(),
                System.nanoTime());
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
