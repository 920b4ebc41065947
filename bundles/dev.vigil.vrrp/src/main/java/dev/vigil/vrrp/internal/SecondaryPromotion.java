package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.util.function.Consumer;

import dev.vigil.api.dataplane.InterfaceParameters;

/**
 * An instance's {@code promote_secondaries}: held on its interface while it runs, let go when it
 * stops or the configuration drops it, as keepalived sets it at start and resets it at stop. A
 * failure is a warning, never a FAULT (keepalived ignores it too). Loop thread only.
 */
final class SecondaryPromotion {

    private final InterfaceParameters parameters;
    private final Consumer<String> warnings;
    private String heldInterface;
    private String holder;

    SecondaryPromotion(InterfaceParameters parameters, Consumer<String> warnings) {
        this.parameters = parameters;
        this.warnings = warnings;
    }

    /** Holds it on the configured interface when asked for, else lets go; again is harmless. */
    void apply(InstanceConfig c) {
        String wanted = c.promoteSecondaries() && !c.interfaceName().isEmpty() ? c.interfaceName() : null;
        if (wanted != null && wanted.equals(heldInterface) && c.name().equals(holder)) {
            return;
        }
        release();
        if (wanted == null) {
            return;
        }
        try {
            parameters.holdPromoteSecondaries(wanted, c.name());
            heldInterface = wanted;
            holder = c.name();
        } catch (IOException e) {
            warnings.accept("(" + c.name() + ") cannot set promote_secondaries on " + wanted + ": " + e.getMessage());
        }
    }

    void release() {
        if (heldInterface == null) {
            return;
        }
        String ifname = heldInterface;
        heldInterface = null;
        try {
            parameters.releasePromoteSecondaries(ifname, holder);
        } catch (IOException e) {
            warnings.accept("(" + holder + ") cannot reset promote_secondaries on " + ifname + ": " + e.getMessage());
        }
    }
}
