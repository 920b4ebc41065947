/** Vigil notifier: notify_master/backup/fault/stop/deleted and notify scripts. */
package dev.vigil.notify.script.internal;
