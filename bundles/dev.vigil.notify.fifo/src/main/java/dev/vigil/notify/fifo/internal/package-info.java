/** Vigil notifier: notify_fifo and vrrp_notify_fifo. */
package dev.vigil.notify.fifo.internal;
