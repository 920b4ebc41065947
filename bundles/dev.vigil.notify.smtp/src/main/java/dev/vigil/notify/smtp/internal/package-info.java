/** Vigil notifier: SMTP alerts (smtp_alert). */
package dev.vigil.notify.smtp.internal;
