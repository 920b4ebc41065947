/**
 * Link state notifications: the VRRP engine watches its interface and enters FAULT when the link
 * goes down (keepalived's {@code track_interface} of the instance's own interface).
 */
@Version("1.0.0")
@Export
package dev.vigil.net.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
