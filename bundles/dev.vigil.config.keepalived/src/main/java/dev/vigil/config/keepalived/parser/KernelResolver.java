package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.model.KernelSettings;
import dev.vigil.config.keepalived.parser.Builders.Instance;

/** An instance's {@link KernelSettings}, checked as keepalived checks them at the end of its block. */
final class KernelResolver {

    private KernelResolver() {
    }

    static KernelSettings resolve(Instance b, AddressFamily family, boolean vmac, ParseContext context,
            String prefix) {
        int ttl = KernelSettings.DEFAULT_TTL;
        if (b.unicastTtl != null) {
            ttl = b.unicastTtl.value();
            if (b.unicastPeers.isEmpty()) {
                // keepalived's words; multicast adverts keep TTL 255
                context.warning(b.unicastTtl.location(), prefix + "Cannot use unicast_ttl without unicast peers"
                        + " - resetting");
                ttl = KernelSettings.DEFAULT_TTL;
            } else if (ttl == 0 && family == AddressFamily.IPV4) {
                // keepalived writes the IPv4 header itself; Vigil's socket takes a TTL of 1-255 (IP_TTL)
                context.warning(b.unicastTtl.location(), prefix + "unicast_ttl 0 cannot be set on an IPv4 socket;"
                        + " using 1");
                ttl = 1;
            }
        }
        int receiveBuffer = b.kernelRxBufSize == null ? 0 : b.kernelRxBufSize.value();
        boolean promote = b.promoteSecondaries != null;
        if (promote && vmac) {
            // the VMAC gets promote_secondaries=1 when it is made; keepalived's words
            context.warning(b.promoteSecondaries, prefix + "promote_secondaries is automatically set for vmacs"
                    + " - ignoring");
            promote = false;
        }
        return new KernelSettings(ttl, receiveBuffer, promote);
    }
}
