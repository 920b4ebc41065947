/** Vigil script support: running keepalived-style scripts safely (PATH lookup, script security, setsid/setpriv, timeouts). */
package dev.vigil.script.support;
