package dev.vigil.api.dataplane;

import java.net.InetAddress;

/**
 * One received VRRP packet.
 *
 * @param source the IP source address
 * @param destination the IP destination address (needed for the v3 pseudo-header checksum)
 * @param ttl the IP TTL (RFC 3768 §7.1: must be 255)
 * @param vrrpMessage the VRRP message, IP header stripped
 * @param receivedNanos {@link System#nanoTime()} at reception
 */
public record ReceivedPacket(InetAddress source, InetAddress destination, int ttl, byte[] vrrpMessage,
        long receivedNanos) {
}
