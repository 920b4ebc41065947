package dev.vigil.api.dataplane;

import java.io.Closeable;

import org.osgi.annotation.versioning.ConsumerType;

/** One interface being watched. Closing it stops the notifications; it never throws. */
@ConsumerType
public interface LinkWatch extends Closeable {

    /** The interface watched. */
    String interfaceName();

    /** The last state seen: the baseline at {@code watch} time, then each change. */
    boolean up();

    @Override
    void close();
}
