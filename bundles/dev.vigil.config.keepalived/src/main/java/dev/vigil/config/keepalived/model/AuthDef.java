package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

/** {@code authentication { auth_type PASS; auth_pass X }}: the only kind Vigil supports. */
public record AuthDef(String password, SourceLocation location) {

    /** VRRPv2 carries at most 8 octets of password. */
    public static final int MAX_PASSWORD_LENGTH = 8;
}
