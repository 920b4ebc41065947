package dev.vigil.net.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.Structs;

/**
 * A NETLINK_ROUTE socket for request/reply exchanges. Every reply is checked: only messages with
 * our sequence number count, NLMSG_ERROR with a non-zero code becomes a {@link NativeException}
 * (the kernel's errno and strerror text), and a missing reply is an error after a bounded wait.
 * Created on the calling thread, so it talks to that thread's network namespace. Not thread-safe:
 * one socket per operation.
 */
final class NetlinkRoute implements AutoCloseable {

    static final int REPLY_TIMEOUT_MILLIS = 5000;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() & 0x3fffffff));

    private final LibC libc;
    private final int fd;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    private NetlinkRoute(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /** Opens and binds a socket; {@code groups} are the multicast groups to join (0 for none). */
    static NetlinkRoute open(LibC libc, int groups) throws NativeException {
        int fd = libc.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, Linux.NETLINK_ROUTE);
        try {
            libc.bind(fd, Structs.sockaddrNl(0, groups));
        } catch (NativeException e) {
            libc.close(fd);
            throw e;
        }
        return new NetlinkRoute(libc, fd);
    }

    int fd() {
        return fd;
    }

    /** Sends a request that wants an ACK (NLM_F_ACK set); returns when the kernel says 0. */
    void acknowledged(String operation, NlRequest request) throws IOException {
        exchange(operation, request);
    }

    /** Sends a dump (NLM_F_DUMP) and collects every reply until NLMSG_DONE. */
    List<NlMessage> dump(String operation, NlRequest request) throws IOException {
        return exchange(operation, request);
    }

    /** Sends a GET for one object (NLM_F_ACK set) and returns its reply. */
    NlMessage get(String operation, NlRequest request) throws IOException {
        List<NlMessage> replies = exchange(operation, request);
        if (replies.isEmpty()) {
            throw new IOException(operation + ": the kernel acknowledged but sent no object");
        }
        return replies.get(0);
    }

    private List<NlMessage> exchange(String operation, NlRequest request) throws IOException {
        int seq = SEQUENCE.incrementAndGet();
        byte[] message = request.build(seq);
        libc.sendto(fd, message, message.length, 0, Structs.sockaddrNl(0, 0));
        boolean wantsAck = (request.flags() & Rtnl.NLM_F_ACK) != 0;
        boolean isDump = (request.flags() & Rtnl.NLM_F_DUMP) == Rtnl.NLM_F_DUMP;
        List<NlMessage> replies = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            for (NlMessage m : receive(operation, deadline)) {
                if (m.seq() != seq) {
                    continue; // a late reply to an earlier request, or a notification
                }
                switch (m.type()) {
                    case Rtnl.NLMSG_ERROR -> {
                        int code = m.errorCode();
                        if (code != 0) {
                            throw new NativeException(operation, -code, libc.strerror(-code));
                        }
                        return replies; // ACK
                    }
                    case Rtnl.NLMSG_DONE -> {
                        int code = m.errorCode();
                        if (code < 0) {
                            throw new NativeException(operation, -code, libc.strerror(-code));
                        }
                        if (!wantsAck) {
                            return replies;
                        }
                    }
                    case Rtnl.NLMSG_NOOP -> {
                    }
                    case Rtnl.NLMSG_OVERRUN -> throw new IOException(operation + ": netlink overrun");
                    default -> {
                        replies.add(m);
                        if (!wantsAck && !isDump && (m.flags() & Rtnl.NLM_F_MULTI) == 0) {
                            return replies;
                        }
                    }
                }
            }
        }
    }

    private List<NlMessage> receive(String operation, long deadline) throws IOException {
        while (true) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMillis <= 0) {
                throw new IOException(operation + ": no netlink reply within " + REPLY_TIMEOUT_MILLIS + " ms");
            }
            if ((libc.poll(fd, Linux.POLLIN, (int) Math.min(leftMillis, 1000)) & Linux.POLLIN) == 0) {
                continue;
            }
            int n;
            try {
                n = libc.recvfrom(fd, buffer, Linux.MSG_DONTWAIT | Linux.MSG_TRUNC, null);
            } catch (NativeException e) {
                if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
                    continue;
                }
                throw e;
            }
            if (n > buffer.length) {
                throw new IOException(operation + ": netlink reply of " + n + " bytes truncated to " + buffer.length);
            }
            return NlMessage.split(buffer, n);
        }
    }

    /** Reads whatever is queued now (for subscriptions); empty when nothing arrives within {@code timeoutMillis}. */
    List<NlMessage> poll(int timeoutMillis) throws NativeException {
        if ((libc.poll(fd, Linux.POLLIN, timeoutMillis) & Linux.POLLIN) == 0) {
            return List.of();
        }
        try {
            int n = libc.recvfrom(fd, buffer, Linux.MSG_DONTWAIT, null);
            return NlMessage.split(buffer, Math.min(n, buffer.length));
        } catch (NativeException e) {
            if (e.errno() == Errno.EAGAIN || e.errno() == Errno.EINTR) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            libc.close(fd);
        } catch (NativeException ignored) {
            // EBADF only: already closed
        }
    }
}
