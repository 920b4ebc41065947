package dev.vigil.libc;

import org.osgi.annotation.versioning.ProviderType;

import dev.vigil.libc.internal.JnrLibC;

/**
 * The libc calls Vigil makes. Every method throws {@link NativeException} (errno read right after
 * the call, on the calling thread) instead of returning -1. Structs are byte arrays in native
 * byte order, built with {@link Structs}. Thread-safe.
 */
@ProviderType
public interface LibC {

    /** The process-wide instance (loads the binding on first use). */
    static LibC get() {
        return JnrLibC.instance();
    }

    /** socket(2); returns the fd. */
    int socket(int domain, int type, int protocol) throws NativeException;

    /** setsockopt(2) with the option value as bytes. */
    void setsockopt(int fd, int level, int option, byte[] value) throws NativeException;

    /** setsockopt(2) with an {@code int} value. */
    default void setsockopt(int fd, int level, int option, int value) throws NativeException {
        setsockopt(fd, level, option, Structs.nativeInt(value));
    }

    /** getsockopt(2) into a buffer of {@code maxLength}; returns the bytes the kernel filled. */
    byte[] getsockopt(int fd, int level, int option, int maxLength) throws NativeException;

    /** getsockopt(2) of an {@code int} option. */
    default int getsockoptInt(int fd, int level, int option) throws NativeException {
        return Structs.readNativeInt(getsockopt(fd, level, option, 4), 0);
    }

    /** bind(2) to a sockaddr (e.g. {@link Structs#sockaddrNl}). */
    void bind(int fd, byte[] sockaddr) throws NativeException;

    /**
     * sendto(2) of {@code buffer[0..length)} to {@code sockaddr} (null: the connected/bound
     * peer, e.g. the kernel for netlink). Returns the bytes sent.
     */
    int sendto(int fd, byte[] buffer, int length, int flags, byte[] sockaddr) throws NativeException;

    /**
     * recvfrom(2) into {@code buffer}; fills {@code sockaddr} with the sender when not null.
     * Returns the packet length, which exceeds {@code buffer.length} when the packet was
     * truncated and {@code MSG_TRUNC} was given.
     */
    int recvfrom(int fd, byte[] buffer, int flags, byte[] sockaddr) throws NativeException;

    /**
     * recvmsg(2) with one data buffer, the sender into {@code sockaddr} (may be null) and
     * ancillary data into {@code control} (may be null); parse it with {@link ControlMessage#parse}.
     */
    Received recvmsg(int fd, byte[] buffer, byte[] sockaddr, byte[] control, int flags) throws NativeException;

    /** close(2). Errors other than EBADF are ignored: the fd is gone either way. */
    void close(int fd) throws NativeException;

    /** ioctl(2) with a pointer argument (an {@code ifreq} from {@link Structs#ifreq}), read and written. */
    void ioctl(int fd, long request, byte[] argument) throws NativeException;

    /** if_nametoindex(3); throws (ENODEV) when there is no such interface. */
    int ifNameToIndex(String name) throws NativeException;

    /** open(2) without mode (no O_CREAT); returns the fd. */
    int open(String path, int flags) throws NativeException;

    /** setns(2) for the calling thread. */
    void setns(int fd, int nsType) throws NativeException;

    /**
     * poll(2) on one fd; returns revents, 0 on timeout or EINTR.
     *
     * @param timeoutMillis negative waits forever
     */
    int poll(int fd, int events, int timeoutMillis) throws NativeException;

    /** strerror(3). */
    String strerror(int errno);

    /** getpid(2), e.g. for netlink port ids. */
    int getpid();
}
