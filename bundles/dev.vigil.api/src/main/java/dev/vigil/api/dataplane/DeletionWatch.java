package dev.vigil.api.dataplane;

import java.io.Closeable;

import org.osgi.annotation.versioning.ProviderType;

/** One {@link DeletionMonitor} watch. Closing it stops the notifications; it never throws. */
@ProviderType
public interface DeletionWatch extends Closeable {

    @Override
    void close();
}
