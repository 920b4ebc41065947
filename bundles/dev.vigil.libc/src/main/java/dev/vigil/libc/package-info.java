/**
 * The few libc calls Vigil needs (sockets, ioctl, setns, poll), with errors as
 * {@link dev.vigil.libc.NativeException} and structs as native-order byte arrays. No binding types
 * leak: the jnr-ffi binding is private to this bundle and can be replaced (e.g. by the JDK's FFM
 * API) without touching callers.
 */
@Version("1.0.0")
@Export
package dev.vigil.libc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
