/**
 * The VRRP protocol engine (RFC 3768 version 2, RFC 5798 version 3), pure Java: message codec
 * ({@link dev.vigil.vrrp.engine.AdvertCodec}), the state machine of one virtual router
 * ({@link dev.vigil.vrrp.engine.VrrpInstance}) and the single protocol thread it runs on
 * ({@link dev.vigil.vrrp.engine.Scheduler}, {@link dev.vigil.vrrp.engine.EventLoop}).
 * Behaviour and log wording follow keepalived 2.x; each place that mirrors keepalived names the
 * function. Private to the bundle: the OSGi wiring lives in {@code dev.vigil.vrrp.internal}.
 */
package dev.vigil.vrrp.engine;
