package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.parser.Builders.Webhook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code vigil.notify.webhook~NAME} configurations of the {@code vigil_webhook} blocks: a URL
 * is required, and every instance or group a block names must be defined.
 */
final class WebhookResolver {

    static final int DEFAULT_TIMEOUT_MILLIS = 5_000;
    static final int DEFAULT_RETRY_FOR_MILLIS = 60_000;

    private final ParseContext context;
    private final GlobalDefs globals;

    WebhookResolver(ParseContext context, GlobalDefs globals) {
        this.context = context;
        this.globals = globals;
    }

    /**
     * @param instanceNames every vrrp_instance of the file (also those with errors: one mistake
     *                      is reported once)
     * @param groupNames every vrrp_sync_group of the file
     */
    List<NotifierDef> resolve(List<Webhook> webhooks, Set<String> instanceNames, Set<String> groupNames) {
        List<NotifierDef> result = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        for (Webhook w : webhooks) {
            String name = w.name.value();
            String label = "vigil_webhook '" + name + "'";
            SourceLocation first = seen.putIfAbsent(name, w.name.location());
            if (first != null) {
                context.error(w.name.location(), "duplicate " + label + " (first defined at line " + first.line() + ")");
                continue;
            }
            int errors = context.diagnostics().errorCount();
            if (!w.urlGiven) {
                context.error(w.name.location(), label + " has no 'url'");
            }
            List<String> scope = new ArrayList<>();
            scope(w.instances, "instance", "vrrp_instance", instanceNames, label, scope);
            scope(w.groups, "group", "vrrp_sync_group", groupNames, label, scope);
            if (context.diagnostics().errorCount() == errors && w.url != null) {
                result.add(webhook(w, scope));
            }
        }
        return result;
    }

    private void scope(List<Located<String>> names, String kind, String block, Set<String> defined, String label,
                       List<String> scope) {
        for (Located<String> name : names) {
            if (!defined.contains(name.value())) {
                context.error(name.location(), label + ": " + kind + " '" + name.value() + "' is not a defined "
                        + block);
            } else if (!scope.contains(kind + ":" + name.value())) {
                scope.add(kind + ":" + name.value());
            }
        }
    }

    private NotifierDef webhook(Webhook w, List<String> scope) {
        Map<String, Object> p = NotifierResolver.common("webhook:" + w.name.value(),
                scope.isEmpty() ? null : scope.toArray(String[]::new), globals);
        p.put("url", w.url.value());
        Optional.ofNullable(w.secret).ifPresent(s -> p.put(".secret", s.value()));
        p.put("timeoutMillis", millis(w.timeout, DEFAULT_TIMEOUT_MILLIS));
        p.put("retryForMillis", millis(w.retryFor, DEFAULT_RETRY_FOR_MILLIS));
        return new NotifierDef("webhook", w.name.value(), p, w.name.location());
    }

    private static int millis(Located<BigDecimal> seconds, int defaultMillis) {
        return seconds == null ? defaultMillis : TrackerGrammars.millis(seconds.value());
    }
}
