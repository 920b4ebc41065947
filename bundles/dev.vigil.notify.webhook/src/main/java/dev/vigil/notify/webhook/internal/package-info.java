/** Vigil notifier: signed JSON webhooks. */
package dev.vigil.notify.webhook.internal;
