package dev.vigil.api.dataplane;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Interface parameters an instance holds while it runs. Came with data-plane SPI 1.4 and is
 * optional: without it an instance that asks for one runs without it, with a warning.
 */
@ProviderType
public interface InterfaceParameters {

    /**
     * keepalived's {@code promote_secondaries}: sets net.ipv4.conf.IF.promote_secondaries=1, so
     * that deleting the primary IPv4 address of a subnet promotes a secondary one instead of
     * deleting them all (a VIP in the subnet of the interface's address survives its removal).
     * The first holder of an interface saves the value it finds; holding twice changes nothing.
     *
     * @param holder who holds it, e.g. the instance's name
     */
    void holdPromoteSecondaries(String interfaceName, String holder) throws IOException;

    /**
     * Lets go of {@link #holdPromoteSecondaries}; when the last holder of the interface is gone,
     * a value that was changed is restored, as keepalived restores it. Letting go of what is not
     * held changes nothing.
     */
    void releasePromoteSecondaries(String interfaceName, String holder) throws IOException;
}
