/**
 * Telling people and systems that a router changed state: the SPI a notifier bundle implements.
 * Each configured notifier is one {@link Notifier} service. Vigil hands it {@link Notification}s
 * through a bounded queue and a worker thread of its own, so a notifier that blocks, throws or
 * hangs never delays an advert, a state change or another notifier.
 *
 * <p>1.1 adds keepalived's instance events that change no state ({@link Notification.Event}:
 * a MASTER hearing a lower priority advert, a changed priority). They travel as notifications
 * through the same queues, so they keep their order with the state changes. A notifier opts in
 * with the {@link Notifier#EVENTS_PROPERTY} service property, and without it gets state changes
 * only: a 1.0 notifier, which reads {@link Notification#from()} and {@link Notification#to()}
 * as a transition, would otherwise report an event as a state change (a mail saying "MASTER"
 * for every lower priority advert). An opt-in property, rather than a new callback on
 * {@link Notifier}, keeps the interface unchanged for its implementers, which is what lets the
 * package stay minor-compatible; and a property is visible to the dispatcher before any
 * notification is handed over, so nothing is sent only to be ignored.
 */
@Version("1.1.0")
@Export
package dev.vigil.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
