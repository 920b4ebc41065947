package dev.vigil.libc;

import java.io.IOException;

/** A failed libc call: the operation, errno and the kernel's text, e.g. "bind: File exists (errno 17)". */
public class NativeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String reason;

    public NativeException(String operation, int errno, String reason) {
        super(operation + ": " + reason + " (errno " + errno + ")");
        this.errno = errno;
        this.reason = reason;
    }

    /** The errno value (see {@link Errno}). */
    public int errno() {
        return errno;
    }

    /** strerror(errno), e.g. "File exists". */
    public String reason() {
        return reason;
    }
}
