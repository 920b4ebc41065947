package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.diag.SourceLocation;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.parser.Builders.NotifyLine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code vigil.notify.script} configuration of one instance or sync group: each notify
 * keyword's command as written and as argv, and the one user they all run as.
 */
final class NotifyScriptResolver {

    /** keepalived keyword → contract property (the argv property adds {@code Argv}). */
    static final Map<String, String> PROPERTIES = properties();
    /** No keepalived keyword sets it: keepalived lets a notify script run as long as it likes. */
    static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

    private final ParseContext context;
    private final GlobalDefs globals;

    NotifyScriptResolver(ParseContext context, GlobalDefs globals) {
        this.context = context;
        this.globals = globals;
    }

    /**
     * @param scope {@code instance} or {@code group}
     * @param block what diagnostics call the owner, e.g. {@code vrrp_instance VI_1}
     * @return empty when the owner has no notify script, or its scripts want different users
     */
    Optional<NotifierDef> resolve(String scope, String owner, String block, Map<String, NotifyLine> lines) {
        // A bare notify_deleted (no command) only changes what the other scripts are told.
        Optional<NotifyLine> firstCommand = lines.values().stream().filter(l -> !l.argv().isEmpty()).findFirst();
        if (firstCommand.isEmpty()) {
            return Optional.empty();
        }
        NotifyLine first = firstCommand.get();
        RunAs runAs = RunAs.of(first, globals);
        Map<String, Object> p = NotifierResolver.common("script:" + scope + ":" + owner,
                new String[] {scope + ":" + owner}, globals);
        boolean oneUser = true;
        for (NotifyLine line : lines.values()) {
            RunAs wanted = RunAs.of(line, globals);
            if (!line.argv().isEmpty() && !wanted.equals(runAs)) {
                context.error(line.location(), block + ": " + line.keyword() + " runs as " + wanted + " but "
                        + first.keyword() + " (line " + first.location().line() + ") as " + runAs
                        + "; Vigil runs all notify scripts of one " + scope + " as one user");
                oneUser = false;
            }
            String property = PROPERTIES.get(line.keyword());
            p.put(property, line.value());
            p.put(property + "Argv", line.argv().toArray(String[]::new));
        }
        if (lines.containsKey("notify_master_rx_lower_pri")) {
            // only then does the notifier take the lower priority adverts: otherwise they would queue for nothing
            p.put("vigil.notify.events", new String[] {"STATE", "MASTER_RX_LOWER_PRI"});
        }
        runAs.putInto(p);
        p.put("enableScriptSecurity", globals.enableScriptSecurity());
        p.put("timeoutMillis", DEFAULT_TIMEOUT_MILLIS);
        SourceLocation at = first.location();
        return oneUser ? Optional.of(new NotifierDef("script", scope + "." + owner, p, at)) : Optional.empty();
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_master", "notifyMaster");
        p.put("notify_backup", "notifyBackup");
        p.put("notify_fault", "notifyFault");
        p.put("notify_stop", "notifyStop");
        p.put("notify_deleted", "notifyDeleted");
        p.put("notify", "notify");
        p.put("notify_master_rx_lower_pri", "notifyMasterRxLowerPri");
        return java.util.Collections.unmodifiableMap(p);
    }
}
