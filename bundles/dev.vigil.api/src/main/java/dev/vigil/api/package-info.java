/**
 * The views of a running VRRP router that plugins and tools consume. Vigil implements these;
 * plugins only read them.
 */
@Version("1.0.0")
@Export
package dev.vigil.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
