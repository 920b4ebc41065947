package dev.vigil.api.dataplane;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a channel sends and listens.
 *
 * @param interfaceName the interface to send on and receive from; empty for a unicast channel
 *                      without one (keepalived's unicast instance without {@code interface}), whose
 *                      adverts follow the routing table and which needs a {@code sourceAddress}.
 *                      Empty since 1.4.
 * @param sourceAddress the source address ({@code mcast_src_ip} / {@code unicast_src_ip}); null
 *                      means the interface's primary address
 * @param multicastGroup the group to send to and join (224.0.0.18 by default); ignored when
 *                       {@code unicastPeers} is not empty
 * @param unicastPeers the peers to send to in unicast mode; empty for multicast
 * @param unicastTtl keepalived's {@code unicast_ttl}: the TTL (IPv6 hop limit) of unicast adverts,
 *                   0-255, {@link #DEFAULT_TTL} by default; multicast adverts always leave with 255
 *                   (RFC 5798 5.1.1.3). Since 1.4.
 * @param receiveBufferBytes keepalived's {@code kernel_rx_buf_size}: the SO_RCVBUF asked for the
 *                           advert socket, 0 for the kernel's default; the kernel doubles it and
 *                           caps it at {@code net.core.rmem_max}. Since 1.4.
 * @param vrfName keepalived's {@code vrf}: the VRF master device a channel without an interface is
 *                scoped to (SO_BINDTODEVICE on it, so the VRF's routing table picks the way); empty
 *                for the main table. Since 1.4.
 */
public record ChannelSpec(String interfaceName, InetAddress sourceAddress, InetAddress multicastGroup,
        List<InetAddress> unicastPeers, int unicastTtl, int receiveBufferBytes, String vrfName) {

    /** The TTL and hop limit VRRP adverts carry (RFC 5798 5.1.1.3). */
    public static final int DEFAULT_TTL = 255;

    public ChannelSpec {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(multicastGroup, "multicastGroup");
        Objects.requireNonNull(vrfName, "vrfName");
        unicastPeers = List.copyOf(unicastPeers);
        if (interfaceName.isEmpty() && (unicastPeers.isEmpty() || sourceAddress == null)) {
            throw new IllegalArgumentException("a channel without an interface needs unicast peers and a source address");
        }
        if (!interfaceName.isEmpty() && !vrfName.isEmpty()) {
            throw new IllegalArgumentException("a VRF is only for a channel without an interface");
        }
        if (unicastTtl < 0 || unicastTtl > 255) {
            throw new IllegalArgumentException("unicast TTL " + unicastTtl + " out of range 0-255");
        }
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("receive buffer " + receiveBufferBytes + " is negative");
        }
    }

    /** The first 1.4 constructor: no VRF. */
    public ChannelSpec(String interfaceName, InetAddress sourceAddress, InetAddress multicastGroup,
            List<InetAddress> unicastPeers, int unicastTtl, int receiveBufferBytes) {
        this(interfaceName, sourceAddress, multicastGroup, unicastPeers, unicastTtl, receiveBufferBytes, "");
    }

    /** The 1.3 constructor: TTL 255, the kernel's receive buffer. */
    public ChannelSpec(String interfaceName, InetAddress sourceAddress, InetAddress multicastGroup,
            List<InetAddress> unicastPeers) {
        this(interfaceName, sourceAddress, multicastGroup, unicastPeers, DEFAULT_TTL, 0);
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** Whether adverts leave by an interface of their own rather than by the routing table. Since 1.4. */
    public boolean hasInterface() {
        return !interfaceName.isEmpty();
    }

    /** The device the socket is bound to (SO_BINDTODEVICE): the interface, else the VRF, else none. Since 1.4. */
    public Optional<String> boundDevice() {
        return hasInterface() ? Optional.of(interfaceName) : vrfName.isEmpty() ? Optional.empty() : Optional.of(vrfName);
    }

    /** This spec sending from {@code source} instead (a VMAC's adverts from the base interface's address). */
    public ChannelSpec withSourceAddress(InetAddress source) {
        return new ChannelSpec(interfaceName, source, multicastGroup, unicastPeers, unicastTtl, receiveBufferBytes,
                vrfName);
    }
}
