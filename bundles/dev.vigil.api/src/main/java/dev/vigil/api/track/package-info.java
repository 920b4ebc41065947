/**
 * Health checks that move a router's priority: the SPI a checker bundle implements. A checker
 * kind is a bundle; each configured check is one {@link Tracker} service with the service
 * property {@link Tracker#NAME_PROPERTY}. VRRP instances find the trackers they reference by
 * that name and follow them dynamically: a checker bundle can be updated, removed or added
 * while routers run.
 */
@Version("1.0.0")
@Export
package dev.vigil.api.track;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
