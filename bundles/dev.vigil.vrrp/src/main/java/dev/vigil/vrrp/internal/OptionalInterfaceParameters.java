package dev.vigil.vrrp.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.vigil.api.dataplane.InterfaceParameters;

/**
 * The data plane's {@link InterfaceParameters}, followed dynamically and optional: it came with
 * data-plane SPI 1.4, so a data plane without it still runs every instance; one with
 * {@code promote_secondaries} runs without it and says why. Vigil's own dev.vigil.net provides one.
 */
@Component(service = OptionalInterfaceParameters.class)
public class OptionalInterfaceParameters implements InterfaceParameters {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InterfaceParameters parameters;

    public OptionalInterfaceParameters() {
    }

    /** For tests: one that follows {@code parameters}. */
    OptionalInterfaceParameters(InterfaceParameters parameters) {
        this.parameters = parameters;
    }

    private InterfaceParameters required(String what) throws IOException {
        InterfaceParameters p = parameters;
        if (p == null) {
            throw new IOException(what + ": no InterfaceParameters service (the data plane cannot set it)");
        }
        return p;
    }

    @Override
    public void holdPromoteSecondaries(String interfaceName, String holder) throws IOException {
        required("promote_secondaries on " + interfaceName).holdPromoteSecondaries(interfaceName, holder);
    }

    @Override
    public void releasePromoteSecondaries(String interfaceName, String holder) throws IOException {
        required("promote_secondaries on " + interfaceName).releasePromoteSecondaries(interfaceName, holder);
    }
}
