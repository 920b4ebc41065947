package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * The data plane's {@link VipFirewall}, followed dynamically and optional: it came with data-plane
 * SPI 1.3, so a vendor data plane without one still runs every instance; only no_accept is then
 * not enforced (each block reports it). What the instances asked for is remembered, so a firewall
 * that arrives late, or comes back with a new configuration, is given every block at once.
 * Vigil's own dev.vigil.firewall.nftables provides one.
 */
@Component(service = OptionalVipFirewall.class)
public class OptionalVipFirewall implements VipFirewall {

    private final Map<String, List<VirtualAddress>> wanted = new LinkedHashMap<>();
    /** Where a replay that fails is reported: there is no caller to tell. */
    private final Consumer<String> warn;
    private VipFirewall firewall;

    @Activate
    public OptionalVipFirewall(@Reference(service = LoggerFactory.class) Logger log) {
        this.warn = log::warn;
    }

    /** For tests: reports replay failures to {@code warn}. */
    OptionalVipFirewall(Consumer<String> warn) {
        this.warn = warn;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void setFirewall(VipFirewall next) {
        firewall = next;
        wanted.forEach((instance, addresses) -> {
            try {
                next.block(instance, addresses);
            } catch (IOException | RuntimeException e) {
                warn.accept("(" + instance + ") cannot set firewall drop rule: " + e.getMessage());
            }
        });
    }

    synchronized void unsetFirewall(VipFirewall gone) {
        if (firewall == gone) {
            firewall = null;
        }
    }

    @Override
    public synchronized void block(String instance, Collection<VirtualAddress> addresses) throws IOException {
        wanted.put(instance, List.copyOf(addresses));
        required("block " + addresses).block(instance, addresses);
    }

    @Override
    public synchronized void unblock(String instance) throws IOException {
        if (wanted.remove(instance) != null && firewall != null) {
            firewall.unblock(instance);
        }
    }

    private VipFirewall required(String what) throws IOException {
        if (firewall == null) {
            throw new IOException(what + ": no VipFirewall service (no_accept is not enforced)");
        }
        return firewall;
    }
}
