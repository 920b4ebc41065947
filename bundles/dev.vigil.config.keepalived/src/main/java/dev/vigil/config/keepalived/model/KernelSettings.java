package dev.vigil.config.keepalived.model;

/**
 * An instance's keywords that only reach the kernel: options of its advert socket.
 *
 * @param unicastTtl {@code unicast_ttl}: the TTL (IPv6 hop limit) of unicast adverts, 255 by default
 * @param receiveBufferBytes {@code kernel_rx_buf_size}: the advert socket's SO_RCVBUF, 0 for the
 *                           kernel's default
 */
public record KernelSettings(int unicastTtl, int receiveBufferBytes) {

    public static final int DEFAULT_TTL = 255;
    public static final KernelSettings DEFAULT = new KernelSettings(DEFAULT_TTL, 0);
}
