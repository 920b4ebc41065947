package dev.vigil.api.dataplane;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates and deletes VRRP virtual MAC interfaces (keepalived's {@code use_vmac}). Came with
 * data-plane SPI 1.2 and is optional: a data plane without it runs every instance that does not
 * ask for a VMAC.
 */
@ProviderType
public interface VirtualMacManager {

    /**
     * Creates the macvlan (private mode, the virtual MAC, up) and sets the interface parameters
     * a VMAC needs, as keepalived does. An interface of that name that is already a macvlan with
     * that MAC on that parent is adopted (returns false); any other interface of that name is an
     * error. For an {@link VirtualMac#ipvlan() ipvlan} (since 1.4): an L2 ipvlan of that mode on
     * that parent, with the address put on it; an existing one of that kind, mode and parent is
     * adopted.
     */
    boolean create(VirtualMac vmac) throws IOException;

    /** Deletes the interface and restores its parent's parameters; false when it was already gone. */
    boolean delete(VirtualMac vmac) throws IOException;
}
