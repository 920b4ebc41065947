package dev.vigil.api.dataplane;

import java.io.IOException;
import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes the host refuse traffic addressed to (and sent from) an instance's virtual addresses
 * while it holds them: RFC 5798 Accept_Mode false, keepalived's {@code no_accept}. The VRRP
 * engine blocks just before it adds the VIPs on becoming MASTER and unblocks after removing
 * them; an address owner (priority 255) is never blocked.
 *
 * <p>Optional: a data plane without one still runs every instance, only {@code no_accept} is
 * then not enforced. A provider removes everything it installed when it goes away.
 */
@ProviderType
public interface VipFirewall {

    /**
     * Blocks {@code addresses} for {@code instance}, replacing what that instance had blocked
     * before (addresses no longer listed are let through again, unless another instance blocks
     * them too). Blocking the same set again changes nothing.
     *
     * @param instance the vrrp_instance name
     * @param addresses its VIPs and excluded VIPs; an IPv6 link-local one is blocked on its device only
     */
    void block(String instance, Collection<VirtualAddress> addresses) throws IOException;

    /** Lets the instance's addresses through again; nothing happens when none are blocked. */
    void unblock(String instance) throws IOException;
}
