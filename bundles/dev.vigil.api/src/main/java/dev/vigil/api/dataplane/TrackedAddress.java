package dev.vigil.api.dataplane;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address whose presence on an interface a {@link DeletionMonitor} follows, whoever adds or
 * removes it: keepalived's {@code track_src_ip}, the instance's configured source address on its
 * interface. Since data-plane SPI 1.4.
 *
 * @param address the address (any prefix length matches)
 * @param device the interface it must be on
 */
public record TrackedAddress(InetAddress address, String device) {

    public TrackedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
    }

    @Override
    public String toString() {
        return address.getHostAddress() + " on " + device;
    }
}
