package dev.vigil.config.keepalived.model;

/**
 * An instance's keywords that only reach the kernel: options of its advert socket and a sysctl of
 * its interface.
 *
 * @param unicastTtl {@code unicast_ttl}: the TTL (IPv6 hop limit) of unicast adverts, 255 by default
 * @param receiveBufferBytes {@code kernel_rx_buf_size}: the advert socket's SO_RCVBUF, 0 for the
 *                           kernel's default
 * @param promoteSecondaries {@code promote_secondaries}: net.ipv4.conf.IF.promote_secondaries=1
 *                           on the instance's interface while it runs (never with a VMAC, which
 *                           has it anyway)
 */
public record KernelSettings(int unicastTtl, int receiveBufferBytes, boolean promoteSecondaries) {

    public static final int DEFAULT_TTL = 255;
    public static final KernelSettings DEFAULT = new KernelSettings(DEFAULT_TTL, 0, false);
}
