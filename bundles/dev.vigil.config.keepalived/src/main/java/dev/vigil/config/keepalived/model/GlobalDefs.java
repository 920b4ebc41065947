package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;
import java.util.Optional;

/**
 * {@code global_defs { ... }} with keepalived's defaults. The mail settings are kept for the
 * notifier that will use them; they have no effect yet.
 *
 * @param location the block, empty when the file has no {@code global_defs}
 * @param vrrpVersion {@code vrrp_version}, default 2
 * @param vrrpMcastGroup4 {@code vrrp_mcast_group4}, default 224.0.0.18
 */
public record GlobalDefs(Optional<String> routerId, int vrrpVersion, String vrrpMcastGroup4,
                         List<String> notificationEmails, Optional<String> notificationEmailFrom,
                         Optional<String> smtpServer, Optional<Integer> smtpConnectTimeoutSeconds,
                         Optional<Boolean> smtpAlert, Optional<SourceLocation> location) {

    public static final int DEFAULT_VRRP_VERSION = 2;
    public static final String DEFAULT_MCAST_GROUP4 = "224.0.0.18";

    public GlobalDefs {
        notificationEmails = List.copyOf(notificationEmails);
    }

    public static GlobalDefs defaults() {
        return new GlobalDefs(Optional.empty(), DEFAULT_VRRP_VERSION, DEFAULT_MCAST_GROUP4, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
