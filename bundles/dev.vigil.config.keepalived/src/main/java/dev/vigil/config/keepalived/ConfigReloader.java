package dev.vigil.config.keepalived;

import org.osgi.annotation.versioning.ProviderType;

import java.nio.file.Path;

/** Re-reads keepalived.conf and applies it when it is valid (what SIGHUP will trigger). */
@ProviderType
public interface ConfigReloader {

    /** The file being read. */
    Path configFile();

    /**
     * Reads the file again, logs every diagnostic and, if there is no error, makes the instance
     * configurations match it.
     *
     * @return true when the file was valid and applied
     */
    boolean reload();
}
