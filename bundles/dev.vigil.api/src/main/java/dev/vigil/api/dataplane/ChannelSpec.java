package dev.vigil.api.dataplane;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where a channel sends and listens.
 *
 * @param interfaceName the interface to send on and receive from
 * @param sourceAddress the source address ({@code mcast_src_ip} / {@code unicast_src_ip}); null
 *                      means the interface's primary address
 * @param multicastGroup the group to send to and join (224.0.0.18 by default); ignored when
 *                       {@code unicastPeers} is not empty
 * @param unicastPeers the peers to send to in unicast mode; empty for multicast
 */
public record ChannelSpec(String interfaceName, InetAddress sourceAddress, InetAddress multicastGroup,
        List<InetAddress> unicastPeers) {

    public ChannelSpec {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(multicastGroup, "multicastGroup");
        unicastPeers = List.copyOf(unicastPeers);
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }
}
