package dev.vigil.api.dataplane;

import org.osgi.annotation.versioning.ConsumerType;

/** Told of every VRRP packet a channel receives. Must not block: post and return. */
@ConsumerType
@FunctionalInterface
public interface AdvertReceiver {
    void received(ReceivedPacket packet);
}
