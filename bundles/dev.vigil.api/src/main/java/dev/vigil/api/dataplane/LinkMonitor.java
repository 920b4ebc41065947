package dev.vigil.api.dataplane;

import java.io.IOException;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells of link up/down changes as the kernel announces them (netlink, no polling). "Up" means
 * administratively up and running (IFF_UP and IFF_RUNNING: carrier present); a deleted interface
 * is down.
 */
@ConsumerType
public interface LinkMonitor {

    /**
     * Watches one interface. The watch starts from the state the kernel reports once the
     * subscription is live ({@link LinkWatch#up()}, down when the interface does not exist); from
     * then on {@code upListener} hears every change, {@code true} for up and {@code false} for
     * down, on the monitor's thread (post and return, do not block). Changes are never reported
     * twice in a row with the same value.
     *
     * @throws IOException when the kernel refuses the subscription
     */
    LinkWatch watch(String interfaceName, Consumer<Boolean> upListener) throws IOException;
}
