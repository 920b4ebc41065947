/**
 * The keepalived.conf adapter's public face: {@link dev.vigil.config.keepalived.ConfigCheck} for
 * {@code vigil -t} and the {@link dev.vigil.config.keepalived.ConfigReloader} service for SIGHUP.
 */
@Export(substitution = Export.Substitution.NOIMPORT)
@Version("0.1.0")
package dev.vigil.config.keepalived;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
