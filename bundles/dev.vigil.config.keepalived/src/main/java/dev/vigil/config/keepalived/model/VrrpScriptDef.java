package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A {@code vrrp_script NAME { ... }} block, with keepalived's defaults applied.
 *
 * @param script the command line as written (quotes removed)
 * @param intervalSeconds {@code interval}, default 1
 * @param timeoutSeconds {@code timeout}; empty means "the interval", as in keepalived
 * @param weight {@code weight}, default 0, in [-253, 253]
 * @param weightReverse {@code weight N reverse}
 * @param rise {@code rise}, default 1
 * @param fall {@code fall}, default 1
 */
public record VrrpScriptDef(String name, String script, BigDecimal intervalSeconds,
                            Optional<BigDecimal> timeoutSeconds, int weight, boolean weightReverse,
                            int rise, int fall, Optional<String> user, SourceLocation location,
                            List<String> argv, Optional<String> group, boolean initFail) {

    public VrrpScriptDef {
        timeoutSeconds = timeoutSeconds == null ? Optional.empty() : timeoutSeconds;
        user = user == null ? Optional.empty() : user;
        argv = List.copyOf(argv);
        group = group == null ? Optional.empty() : group;
    }

    /** The command split into words with keepalived's quoting rules (see {@code argv}). */
    public List<String> scriptWords() {
        return argv;
    }
}
