package dev.vigil.api.dataplane;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** Opens channels that carry VRRP messages (IP protocol 112) on one interface. */
@ConsumerType
public interface VrrpTransport {

    /**
     * Opens a channel. {@code receiver} is called on a transport thread for every VRRP packet
     * that arrives on the interface (all VRIDs: filtering is the engine's job).
     *
     * @throws IOException with the kernel's reason when the interface or socket is unusable
     */
    VrrpChannel open(ChannelSpec spec, AdvertReceiver receiver) throws IOException;
}
