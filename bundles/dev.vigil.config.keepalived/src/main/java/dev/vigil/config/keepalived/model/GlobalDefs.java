package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code global_defs { ... }} with keepalived's defaults. The notifier settings become
 * {@link NotifierDef}s; here they are kept as written.
 *
 * @param location the block, empty when the file has no {@code global_defs}
 * @param vrrpVersion {@code vrrp_version}, default 2
 * @param vrrpMcastGroup4 {@code vrrp_mcast_group4}, default 224.0.0.18
 * @param vrrpMcastGroup6 {@code vrrp_mcast_group6}, default ff02::12
 * @param scriptUser {@code script_user USER [GROUP]}: the user
 * @param scriptGroup {@code script_user USER GROUP}: the group
 * @param garpMasterDelay {@code vrrp_garp_master_delay}: default of every instance's garp_master_delay
 * @param garpMasterRepeat {@code vrrp_garp_master_repeat}
 * @param garpMasterRefresh {@code vrrp_garp_master_refresh}
 * @param garpMasterRefreshRepeat {@code vrrp_garp_master_refresh_repeat}
 * @param notifySettings notify_fifo, vrrp_notify_fifo and their scripts, smtp_helo_name,
 *                       smtp_alert_vrrp...: keyword → value as written
 * @param protocolDefaults vrrp_strict, vrrp_skip_check_adv_addr, vrrp_garp_interval...: the
 *                         defaults of every instance's {@link ProtocolOptions}
 * @param nftables the nftables keywords; empty when none is given (the firewall's defaults apply)
 */
public record GlobalDefs(Optional<String> routerId, int vrrpVersion, String vrrpMcastGroup4,
                         List<String> notificationEmails, Optional<String> notificationEmailFrom,
                         Optional<String> smtpServer, Optional<Integer> smtpConnectTimeoutSeconds,
                         Optional<Boolean> smtpAlert, Optional<SourceLocation> location,
                         String vrrpMcastGroup6, Optional<String> scriptUser, Optional<String> scriptGroup,
                         boolean enableScriptSecurity, Optional<Integer> garpMasterDelay,
                         Optional<Integer> garpMasterRepeat, Optional<Integer> garpMasterRefresh,
                         Optional<Integer> garpMasterRefreshRepeat, Map<String, String> notifySettings,
                         ProtocolOptions protocolDefaults, Optional<NftablesDef> nftables) {

    public static final int DEFAULT_VRRP_VERSION = 2;
    public static final String DEFAULT_MCAST_GROUP4 = "224.0.0.18";
    public static final String DEFAULT_MCAST_GROUP6 = "ff02::12";

    public GlobalDefs {
        notificationEmails = List.copyOf(notificationEmails);
        notifySettings = Map.copyOf(notifySettings);
    }

    public static GlobalDefs defaults() {
        return new GlobalDefs(Optional.empty(), DEFAULT_VRRP_VERSION, DEFAULT_MCAST_GROUP4, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_MCAST_GROUP6, Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), ProtocolOptions.defaults(), Optional.empty());
    }
}
