package dev.vigil.shell.internal;

import java.nio.charset.StandardCharsets;

import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.Structs;

/**
 * A datagram socket to one local socket path (the JDK has only stream Unix sockets): syslog's
 * {@code /dev/log}, systemd's {@code $NOTIFY_SOCKET}. Sends never block; a full queue drops.
 */
final class UnixDatagram implements AutoCloseable {

    private static final int AF_UNIX = 1;

    private final LibC libc;
    private final int fd;
    private final byte[] address;

    UnixDatagram(String path) throws NativeException {
        this.libc = LibC.get();
        this.address = Structs.sockaddrUn(path);
        this.fd = libc.socket(AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
    }

    /** Sends {@code text} as one datagram; false when it could not be sent now. */
    boolean send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return libc.sendto(fd, bytes, bytes.length, Linux.MSG_DONTWAIT, address) == bytes.length;
        } catch (NativeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            libc.close(fd);
        } catch (NativeException ignored) {
            // nothing to do
        }
    }
}
