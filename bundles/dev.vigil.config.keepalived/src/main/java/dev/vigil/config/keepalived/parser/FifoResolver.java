package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.NotifierDef;
import dev.vigil.config.keepalived.parser.Builders.NotifyLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code vigil.notify.fifo} configurations: {@code notify_fifo} and {@code vrrp_notify_fifo},
 * each with its optional {@code *_script} that reads the FIFO.
 */
final class FifoResolver {

    static final List<String> FIFOS = List.of("notify_fifo", "vrrp_notify_fifo");

    private final ParseContext context;
    private final GlobalDefs globals;

    FifoResolver(ParseContext context, GlobalDefs globals) {
        this.context = context;
        this.globals = globals;
    }

    List<NotifierDef> resolve(Map<String, NotifyLine> lines) {
        List<NotifierDef> fifos = new ArrayList<>();
        for (String keyword : FIFOS) {
            NotifyLine fifo = lines.get(keyword);
            NotifyLine script = lines.get(keyword + "_script");
            if (fifo == null) {
                if (script != null) {
                    context.warning(script.location(), "'" + script.keyword() + "' without '" + keyword
                            + "': no FIFO to read; ignored");
                }
                continue;
            }
            NotifyLine global = lines.get("notify_fifo");
            if (fifo != global && global != null && global.value().equals(fifo.value())) {
                // keepalived's reason: every line would be written to the FIFO twice
                context.warning(fifo.location(), "notify FIFO " + fifo.value()
                        + " has been specified for global and vrrp FIFO - ignoring vrrp FIFO");
                continue;
            }
            runAs(fifo, script).ifPresent(runAs -> fifos.add(fifo(keyword, fifo, script, runAs)));
        }
        return fifos;
    }

    private NotifierDef fifo(String keyword, NotifyLine fifo, NotifyLine script, RunAs runAs) {
        Map<String, Object> p = NotifierResolver.common("fifo:" + keyword, null, globals);
        p.put("path", fifo.value());
        if (script != null) {
            p.put("script", script.value());
            p.put("scriptArgv", script.argv().toArray(String[]::new));
        }
        runAs.putInto(p);
        p.put("enableScriptSecurity", globals.enableScriptSecurity());
        return new NotifierDef("fifo", keyword, p, fifo.location());
    }

    /**
     * One user owns the FIFO and runs its script: the script line's, else the FIFO line's, else
     * script_user. keepalived can give the two different users; the contract has room for one.
     */
    private Optional<RunAs> runAs(NotifyLine fifo, NotifyLine script) {
        if (script != null && script.user().isPresent() && fifo.user().isPresent()) {
            RunAs owner = RunAs.of(fifo, globals);
            RunAs runner = RunAs.of(script, globals);
            if (!owner.equals(runner)) {
                context.error(script.location(), script.keyword() + " runs as " + runner + " but " + fifo.keyword()
                        + " (line " + fifo.location().line() + ") is owned by " + owner
                        + "; Vigil uses one user for a FIFO and its script");
                return Optional.empty();
            }
        }
        return Optional.of(RunAs.of(script != null && script.user().isPresent() ? script : fifo, globals));
    }
}
