package dev.vigil.libc.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/** The jnr-ffi binding of libc. Public only because jnr generates its implementation. */
public interface NativeCalls {

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int optname, @In byte[] optval, int optlen);

    int getsockopt(int fd, int level, int optname, @Out byte[] optval, @In @Out int[] optlen);

    int bind(int fd, @In byte[] addr, int addrlen);

    @ssize_t long sendto(int fd, @In byte[] buf, @size_t long len, int flags, @In byte[] addr, int addrlen);

    @ssize_t long recvfrom(int fd, @Out byte[] buf, @size_t long len, int flags, @Out byte[] addr, @In @Out int[] addrlen);

    @ssize_t long recvmsg(int fd, Pointer msghdr, int flags);

    int close(int fd);

    /** ioctl(int, unsigned long, ...): the request is 64 bits on LP64, the argument a pointer. */
    int ioctl(int fd, @u_int64_t long request, @In @Out byte[] arg);

    int if_nametoindex(String name);

    int open(String path, int flags);

    int setns(int fd, int nstype);

    int poll(@In @Out byte[] fds, @u_int64_t long nfds, int timeout);

    String strerror(int errnum);

    int getpid();
}
