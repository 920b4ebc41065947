package dev.vigil.transport.raw;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import dev.vigil.api.dataplane.ReceivedPacket;

/** Splits what a raw IPv4 socket returns (IP header included) into a {@link ReceivedPacket}. */
final class Ipv4Packets {

    static final int MIN_HEADER = 20;

    private Ipv4Packets() {
    }

    /**
     * Parses {@code buffer[0..length)}; null when it is not a well-formed IPv4 packet (too short,
     * wrong version, header length out of range).
     */
    static ReceivedPacket parse(byte[] buffer, int length, long receivedNanos) {
        if (length < MIN_HEADER || (buffer[0] & 0xf0) != 0x40) {
            return null;
        }
        int headerLength = (buffer[0] & 0x0f) * 4;
        if (headerLength < MIN_HEADER || headerLength > length) {
            return null;
        }
        // Linux hands raw sockets the header as it was on the wire: total length in network order.
        int totalLength = ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
        int end = totalLength >= headerLength && totalLength <= length ? totalLength : length;
        int ttl = buffer[8] & 0xff;
        try {
            InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(buffer, 12, 16));
            InetAddress destination = InetAddress.getByAddress(Arrays.copyOfRange(buffer, 16, 20));
            return new ReceivedPacket(source, destination, ttl, Arrays.copyOfRange(buffer, headerLength, end), receivedNanos);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes always make an address
        }
    }
}
