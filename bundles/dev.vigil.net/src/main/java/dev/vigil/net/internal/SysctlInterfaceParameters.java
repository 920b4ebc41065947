package dev.vigil.net.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import dev.vigil.api.dataplane.InterfaceParameters;

/**
 * promote_secondaries through /proc/sys/net, in the caller's network namespace, as keepalived's
 * vrrp_if_config.c: set when the first holder comes unless it is already 1, and set back when the
 * last one goes only if it was changed. Interfaces are told apart by network namespace too: one
 * process may drive routers in several (the tests do).
 */
@Component(service = InterfaceParameters.class, immediate = true, name = "dev.vigil.net.interfaces")
public class SysctlInterfaceParameters implements InterfaceParameters {

    private static final String PROMOTE_SECONDARIES = "promote_secondaries";

    private static final class Held {
        final Set<String> holders = new HashSet<>();
        /** The value found, when this changed it; empty when it was already 1. */
        OptionalInt changedFrom = OptionalInt.empty();
    }

    /** By network namespace and interface name. */
    private final Map<String, Held> interfaces = new HashMap<>();

    @Override
    public synchronized void holdPromoteSecondaries(String interfaceName, String holder) throws IOException {
        String key = key(interfaceName);
        Held held = interfaces.get(key);
        if (held == null) {
            OptionalInt found = InterfaceSysctls.readIpv4(interfaceName, PROMOTE_SECONDARIES);
            if (found.isEmpty()) {
                throw new IOException("net.ipv4.conf." + interfaceName + "." + PROMOTE_SECONDARIES
                        + " not found (no such interface, or no IPv4 on it)");
            }
            held = new Held();
            if (found.getAsInt() != 1) {
                InterfaceSysctls.writeIpv4(interfaceName, PROMOTE_SECONDARIES, 1);
                held.changedFrom = found;
            }
            interfaces.put(key, held);
        }
        held.holders.add(holder);
    }

    @Override
    public synchronized void releasePromoteSecondaries(String interfaceName, String holder) throws IOException {
        String key = key(interfaceName);
        Held held = interfaces.get(key);
        if (held == null || !held.holders.remove(holder) || !held.holders.isEmpty()) {
            return;
        }
        interfaces.remove(key);
        if (held.changedFrom.isPresent() && InterfaceSysctls.readIpv4(interfaceName, PROMOTE_SECONDARIES).isPresent()) {
            InterfaceSysctls.writeIpv4(interfaceName, PROMOTE_SECONDARIES, held.changedFrom.getAsInt());
        }
    }

    /** The calling thread's network namespace ("net:[INODE]") and the interface. */
    private static String key(String interfaceName) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")) + " " + interfaceName;
    }
}
