package dev.vigil.api.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Puts virtual addresses on interfaces and announces them. All methods are idempotent from the
 * caller's view: adding a present address or removing an absent one is not an error.
 */
@ConsumerType
public interface VipManager {

    /** Adds the address; returns false when it was already present (adopted). */
    boolean add(VirtualAddress vip) throws IOException;

    /** Removes the address; returns false when it was not present. */
    boolean remove(VirtualAddress vip) throws IOException;

    /** Whether the address is on its device now. */
    boolean present(VirtualAddress vip) throws IOException;

    /** Sends one gratuitous ARP (IPv4) or unsolicited neighbour advertisement (IPv6) for it. */
    void announce(VirtualAddress vip) throws IOException;

    /** The interface's index, primary address of the family of {@code likeAddress}, and state. */
    Optional<InterfaceInfo> interfaceInfo(String name, Class<? extends InetAddress> family) throws IOException;
}
