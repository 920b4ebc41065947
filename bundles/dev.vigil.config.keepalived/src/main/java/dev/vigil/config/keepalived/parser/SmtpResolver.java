package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.model.SyncGroupDef;
import dev.vigil.config.keepalived.model.VrrpInstanceDef;
import dev.vigil.config.keepalived.parser.Builders.Global;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code vigil.notify.smtp~default} configuration. Which instances and groups send mail follows
 * keepalived: their own {@code smtp_alert}, else global {@code smtp_alert_vrrp}, else global
 * {@code smtp_alert}, else none; and mail goes out only with an {@code smtp_server} and at least
 * one {@code notification_email}.
 */
final class SmtpResolver {

    static final int DEFAULT_PORT = 25;
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;

    private final ParseContext context;
    private final GlobalDefs globals;
    private final Global global;

    SmtpResolver(ParseContext context, GlobalDefs globals, Global global) {
        this.context = context;
        this.globals = globals;
        this.global = global;
    }

    Optional<NotifierDef> resolve(List<VrrpInstanceDef> instances, List<SyncGroupDef> groups) {
        List<String> scope = new ArrayList<>();
        SourceLocation firstAlert = null;
        for (VrrpInstanceDef instance : instances) {
            if (alerts(instance.smtpAlert())) {
                scope.add("instance:" + instance.name());
                firstAlert = firstAlert == null ? instance.location() : firstAlert;
            }
        }
        for (SyncGroupDef group : groups) {
            if (alerts(group.smtpAlert())) {
                scope.add("group:" + group.name());
                firstAlert = firstAlert == null ? group.location() : firstAlert;
            }
        }
        Located<List<String>> server = global.smtpServer;
        boolean mailConfigured = server != null && !globals.notificationEmails().isEmpty();
        if (scope.isEmpty()) {
            if (mailConfigured) {
                context.warning(server.location(), "smtp_server and notification_email are set but smtp_alert is "
                        + "on for no vrrp_instance or vrrp_sync_group; no mail is sent");
            }
            return Optional.empty();
        }
        if (!mailConfigured) {
            context.warning(firstAlert, "smtp_alert is on for " + scope.get(0).replace(':', ' ') + " but global_defs "
                    + "has no " + (server == null ? "smtp_server" : "notification_email") + "; no mail is sent");
            return Optional.empty();
        }
        return Optional.of(smtp(server, scope));
    }

    private NotifierDef smtp(Located<List<String>> server, List<String> scope) {
        Map<String, Object> p = NotifierResolver.common("smtp", scope.toArray(String[]::new), globals);
        List<String> words = server.value();
        p.put("server", words.get(0));
        p.put("port", words.size() > 1 ? Integer.parseInt(words.get(1)) : DEFAULT_PORT);
        p.put("connectTimeoutMillis",
                globals.smtpConnectTimeoutSeconds().orElse(DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1000);
        if (global.smtpHeloName != null) {
            p.put("heloName", global.smtpHeloName.value());
        }
        globals.notificationEmailFrom().ifPresent(from -> p.put("from", from));
        p.put("to", globals.notificationEmails().toArray(String[]::new));
        if (global.noEmailFaults) {
            p.put("noEmailFaults", Boolean.TRUE);
        }
        return new NotifierDef("smtp", "default", p, server.location());
    }

    private boolean alerts(Optional<Boolean> own) {
        return own.or(() -> Optional.ofNullable(global.smtpAlertVrrp).map(Located::value))
                .or(globals::smtpAlert)
                .orElse(false);
    }
}
