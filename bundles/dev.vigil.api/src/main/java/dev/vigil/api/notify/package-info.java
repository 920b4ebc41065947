/**
 * Telling people and systems that a router changed state: the SPI a notifier bundle implements.
 * Each configured notifier is one {@link Notifier} service. Vigil hands it {@link Notification}s
 * through a bounded queue and a worker thread of its own, so a notifier that blocks, throws or
 * hangs never delays an advert, a state change or another notifier.
 */
@Version("1.0.0")
@Export
package dev.vigil.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
