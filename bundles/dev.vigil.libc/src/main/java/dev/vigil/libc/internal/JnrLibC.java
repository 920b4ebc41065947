package dev.vigil.libc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.Received;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;

/** {@link LibC} over jnr-ffi. errno is read with {@link LastError} right after each call. */
public final class JnrLibC implements LibC {

    private static final class Holder {
        static final JnrLibC INSTANCE = new JnrLibC();
    }

    private final NativeCalls c;
    private final Runtime runtime;

    private JnrLibC() {
        c = LibraryLoader.create(NativeCalls.class)
                .load(Platform.getNativePlatform().getStandardCLibraryName());
        runtime = Runtime.getRuntime(c);
    }

    public static LibC instance() {
        return Holder.INSTANCE;
    }

    private NativeException error(String operation) {
        int errno = LastError.getLastError(runtime);
        return new NativeException(operation, errno, strerror(errno));
    }

    @Override
    public int socket(int domain, int type, int protocol) throws NativeException {
        int fd = c.socket(domain, type, protocol);
        if (fd < 0) {
            throw error("socket(" + domain + ", " + type + ", " + protocol + ")");
        }
        return fd;
    }

    @Override
    public void setsockopt(int fd, int level, int option, byte[] value) throws NativeException {
        if (c.setsockopt(fd, level, option, value, value.length) < 0) {
            throw error("setsockopt(level " + level + ", option " + option + ")");
        }
    }

    @Override
    public byte[] getsockopt(int fd, int level, int option, int maxLength) throws NativeException {
        byte[] value = new byte[maxLength];
        int[] length = {maxLength};
        if (c.getsockopt(fd, level, option, value, length) < 0) {
            throw error("getsockopt(level " + level + ", option " + option + ")");
        }
        if (length[0] == maxLength) {
            return value;
        }
        byte[] filled = new byte[Math.min(length[0], maxLength)];
        System.arraycopy(value, 0, filled, 0, filled.length);
        return filled;
    }

    @Override
    public void bind(int fd, byte[] sockaddr) throws NativeException {
        if (c.bind(fd, sockaddr, sockaddr.length) < 0) {
            throw error("bind");
        }
    }

    @Override
    public int sendto(int fd, byte[] buffer, int length, int flags, byte[] sockaddr) throws NativeException {
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " outside buffer of " + buffer.length);
        }
        long sent = c.sendto(fd, buffer, length, flags, sockaddr, sockaddr == null ? 0 : sockaddr.length);
        if (sent < 0) {
            throw error("sendto");
        }
        return (int) sent;
    }

    @Override
    public int recvfrom(int fd, byte[] buffer, int flags, byte[] sockaddr) throws NativeException {
        int[] addrLength = sockaddr == null ? null : new int[] {sockaddr.length};
        long received = c.recvfrom(fd, buffer, buffer.length, flags, sockaddr, addrLength);
        if (received < 0) {
            throw error("recvfrom");
        }
        return (int) received;
    }

    @Override
    public Received recvmsg(int fd, byte[] buffer, byte[] sockaddr, byte[] control, int flags) throws NativeException {
        // One native block: msghdr (56) | iovec (16) | name | control | data. LP64 layout.
        int nameLength = sockaddr == null ? 0 : sockaddr.length;
        int controlLength = control == null ? 0 : control.length;
        int nameAt = 72;
        int controlAt = align8(nameAt + nameLength);
        int dataAt = align8(controlAt + controlLength);
        Pointer block = Memory.allocateDirect(runtime, dataAt + buffer.length, true);
        long base = block.address();
        block.putAddress(0, nameLength == 0 ? 0 : base + nameAt);   // msg_name
        block.putInt(8, nameLength);                                   // msg_namelen
        block.putAddress(16, base + 56);                               // msg_iov
        block.putLong(24, 1);                                          // msg_iovlen
        block.putAddress(32, controlLength == 0 ? 0 : base + controlAt); // msg_control
        block.putLong(40, controlLength);                              // msg_controllen
        block.putAddress(56, base + dataAt);                           // iov_base
        block.putLong(64, buffer.length);                              // iov_len
        long received = c.recvmsg(fd, block, flags);
        if (received < 0) {
            throw error("recvmsg");
        }
        block.get(dataAt, buffer, 0, (int) Math.min(received, buffer.length));
        if (nameLength > 0) {
            block.get(nameAt, sockaddr, 0, nameLength);
        }
        int filledControl = (int) Math.min(block.getLong(40), controlLength);
        if (filledControl > 0) {
            block.get(controlAt, control, 0, filledControl);
        }
        return new Received((int) received, filledControl, block.getInt(48));
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    @Override
    public void close(int fd) throws NativeException {
        if (c.close(fd) < 0) {
            NativeException e = error("close(" + fd + ")");
            if (e.errno() == Errno.EBADF) {
                throw e;
            }
        }
    }

    @Override
    public void ioctl(int fd, long request, byte[] argument) throws NativeException {
        if (c.ioctl(fd, request, argument) < 0) {
            throw error("ioctl(0x" + Long.toHexString(request) + ")");
        }
    }

    @Override
    public int ifNameToIndex(String name) throws NativeException {
        int index = c.if_nametoindex(name);
        if (index == 0) {
            throw error("if_nametoindex(" + name + ")");
        }
        return index;
    }

    @Override
    public int open(String path, int flags) throws NativeException {
        int fd = c.open(path, flags);
        if (fd < 0) {
            throw error("open(" + path + ")");
        }
        return fd;
    }

    @Override
    public void setns(int fd, int nsType) throws NativeException {
        if (c.setns(fd, nsType) < 0) {
            throw error("setns");
        }
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) throws NativeException {
        // struct pollfd { int fd; short events; short revents; }
        byte[] pollfd = new byte[8];
        ByteBuffer bb = ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder());
        bb.putInt(0, fd);
        bb.putShort(4, (short) events);
        int n = c.poll(pollfd, 1, timeoutMillis);
        if (n < 0) {
            NativeException e = error("poll");
            if (e.errno() == Errno.EINTR) {
                return 0;
            }
            throw e;
        }
        return n == 0 ? 0 : Short.toUnsignedInt(bb.getShort(6));
    }

    @Override
    public String strerror(int errno) {
        String text = c.strerror(errno);
        return text == null ? "errno " + errno : text;
    }

    @Override
    public int getpid() {
        return c.getpid();
    }
}
