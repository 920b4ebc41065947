package dev.vigil.config.keepalived.parser;

import static dev.vigil.config.keepalived.grammar.Rules.flag;
import static dev.vigil.config.keepalived.grammar.Rules.value;

import dev.vigil.config.keepalived.grammar.InvalidValueException;
import dev.vigil.config.keepalived.grammar.KeywordRule;
import dev.vigil.config.keepalived.grammar.ValueType;
import dev.vigil.config.keepalived.grammar.Values;
import dev.vigil.config.keepalived.parser.Builders.Instance;

import java.util.List;

/**
 * The instance keywords that only reach the kernel: {@code unicast_ttl} and
 * {@code kernel_rx_buf_size} (options of the advert socket), {@code promote_secondaries} (a sysctl
 * of the interface). {@link KernelResolver} checks them against the rest of the instance.
 */
final class KernelGrammars {

    private static final long UINT_MAX = 0xffffffffL;

    private KernelGrammars() {
    }

    static List<KeywordRule<Instance>> instance() {
        return List.of(
                value("unicast_ttl", ttl(), (i, v) -> i.unicastTtl = v),
                value("kernel_rx_buf_size", receiveBuffer(), (i, v) -> i.kernelRxBufSize = v),
                flag("promote_secondaries", (i, at) -> i.promoteSecondaries = at));
    }

    /** 0-255, refused in keepalived's words. */
    private static ValueType<Integer> ttl() {
        ValueType<Integer> integer = Values.integer(0, 255);
        return text -> {
            try {
                return integer.parse(text);
            } catch (InvalidValueException e) {
                throw new InvalidValueException("TTL not valid - must be between 0 & 255");
            }
        };
    }

    /**
     * keepalived reads an unsigned int; SO_RCVBUF takes an int, which the kernel caps at
     * net.core.rmem_max anyway, so larger values become the largest int.
     */
    private static ValueType<Integer> receiveBuffer() {
        String requirement = "must be an integer between 0 and " + UINT_MAX;
        return text -> {
            if (!text.matches("[0-9]{1,10}")) {
                throw new InvalidValueException(requirement);
            }
            long bytes = Long.parseLong(text);
            if (bytes > UINT_MAX) {
                throw new InvalidValueException(requirement);
            }
            return (int) Math.min(bytes, Integer.MAX_VALUE);
        };
    }
}
