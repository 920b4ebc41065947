package dev.vigil.api.dataplane;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** An open VRRP channel. Sending is thread-safe; closing stops the receiver. */
@ConsumerType
public interface VrrpChannel extends Closeable {

    /** The source address adverts carry (the configured one, or the interface's primary). */
    InetAddress sourceAddress();

    /** The destinations of each advert: the multicast group, or every unicast peer. */
    List<InetAddress> destinations();

    /**
     * Sends one VRRP message (no IP header) to one destination with TTL 255. The message is sent
     * as given: a v3 checksum covers the pseudo-header of this destination, so the engine
     * encodes once per destination.
     */
    void send(InetAddress destination, byte[] vrrpMessage) throws IOException;

    @Override
    void close();
}
