package dev.vigil.net.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;

/**
 * One AF_PACKET socket per network namespace, kept open. Closing a packet socket waits for an
 * RCU grace period in the kernel (about 12 ms measured here), so a socket per gratuitous ARP
 * spaced five GARPs 60 ms apart; keepalived keeps a shared channel for the same reason.
 * Protocol 0: the socket sends only and never queues received frames.
 */
final class PacketSockets implements AutoCloseable {

    private static final Path THREAD_NETNS = Path.of("/proc/thread-self/ns/net");

    private final LibC libc;
    private final Map<String, Integer> byNamespace = new HashMap<>();

    PacketSockets(LibC libc) {
        this.libc = libc;
    }

    /** The socket for the calling thread's network namespace, opened on first use. */
    synchronized int current() throws IOException {
        String ns = namespaceOfThisThread();
        Integer fd = byNamespace.get(ns);
        if (fd == null) {
            fd = libc.socket(Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, 0);
            byNamespace.put(ns, fd);
        }
        return fd;
    }

    /** Drops a socket that failed (e.g. its namespace went away); the next call opens a new one. */
    synchronized void discard(int fd) {
        if (byNamespace.values().remove(fd)) {
            closeQuietly(fd);
        }
    }

    @Override
    public synchronized void close() {
        byNamespace.values().forEach(this::closeQuietly);
        byNamespace.clear();
    }

    private void closeQuietly(int fd) {
        try {
            libc.close(fd);
        } catch (NativeException ignored) {
            // already gone
        }
    }

    private static String namespaceOfThisThread() {
        try {
            return Files.readSymbolicLink(THREAD_NETNS).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "default"; // no /proc: one namespace is all we can know of
        }
    }
}
