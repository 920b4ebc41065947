package dev.vigil.vrrp.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.api.dataplane.VirtualMac;
import dev.vigil.api.dataplane.VirtualMacManager;

/**
 * The data plane's {@link VirtualMacManager}, followed dynamically and optional: it came with
 * data-plane SPI 1.2, so a data plane without it still runs every instance that has no
 * {@code use_vmac}; one that has fails to start with the reason, and retries. Vigil's own
 * dev.vigil.net provides one.
 */
@Component(service = OptionalVirtualMacManager.class)
public class OptionalVirtualMacManager implements VirtualMacManager {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile VirtualMacManager vmacs;

    public OptionalVirtualMacManager() {
    }

    /** For tests: one that follows {@code vmacs}. */
    OptionalVirtualMacManager(VirtualMacManager vmacs) {
        this.vmacs = vmacs;
    }

    private VirtualMacManager required(String what) throws IOException {
        VirtualMacManager v = vmacs;
        if (v == null) {
            throw new IOException(what + ": no VirtualMacManager service (the data plane has no VMACs)");
        }
        return v;
    }

    @Override
    public boolean create(VirtualMac vmac) throws IOException {
        return required("create VMAC " + vmac).create(vmac);
    }

    @Override
    public boolean delete(VirtualMac vmac) throws IOException {
        return required("delete VMAC " + vmac).delete(vmac);
    }
}
