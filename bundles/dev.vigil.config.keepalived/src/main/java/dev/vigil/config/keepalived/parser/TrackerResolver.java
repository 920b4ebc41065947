package dev.vigil.config.keepalived.parser;

import dev.vigil.config.keepalived.grammar.Located;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.GlobalDefs;
import dev.vigil.config.keepalived.model.TrackerDef;
import dev.vigil.config.keepalived.model.VrrpScriptDef;
import dev.vigil.config.keepalived.parser.Builders.Tracker;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Completes tracker blocks into the ConfigAdmin properties of docs/CONTRACTS.md, with the
 * defaults applied: interval 1 s, rise and fall 1, weight 0 (1 for track_file); a script's timeout is its interval
 * (keepalived); the HTTP/TCP/plugin timeouts are written only when given (the tracker bundles
 * then use {@code timeout}, else 5 s).
 */
final class TrackerResolver {

    static final int DEFAULT_INTERVAL_MILLIS = 1000;

    private final ParseContext context;

    TrackerResolver(ParseContext context) {
        this.context = context;
    }

    static TrackerDef scriptTracker(VrrpScriptDef script, GlobalDefs globals) {
        Map<String, Object> p = common(script.name(), TrackerGrammars.millis(script.intervalSeconds()),
                Optional.of(TrackerGrammars.millis(script.timeoutSeconds().orElse(script.intervalSeconds()))),
                script.rise(), script.fall(), script.weight(), script.weightReverse());
        p.put("script", script.script());
        p.put("scriptArgv", script.argv().toArray(String[]::new));
        Optional<String> user = script.user().or(globals::scriptUser);
        Optional<String> group = script.user().isPresent() ? script.group() : globals.scriptGroup();
        user.ifPresent(u -> p.put("user", u));
        group.ifPresent(g -> p.put("group", g));
        p.put("initFail", script.initFail());
        p.put("enableScriptSecurity", globals.enableScriptSecurity());
        return new TrackerDef("script", script.name(), p, "vrrp_script", script.location());
    }

    Optional<TrackerDef> resolve(Tracker t) {
        String name = t.name.value();
        String label = t.block + " '" + name + "'";
        int errors = context.diagnostics().errorCount();
        String kind = t.kind;
        if (kind == null) {
            if (t.pluginKind == null) {
                if (!givenButInvalid(t, "kind")) {
                    context.error(t.name.location(), label + " has no 'kind'");
                }
                return Optional.empty();
            }
            kind = t.pluginKind.value();
        }
        Optional<Integer> interval = Optional.ofNullable(t.interval).map(v -> positiveMillis(v, label, "interval"));
        Optional<Integer> timeout = Optional.ofNullable(t.timeout).map(v -> positiveMillis(v, label, "timeout"));
        boolean polling = !kind.equals("process") && !kind.equals("file");
        int intervalMillis = interval.orElse(DEFAULT_INTERVAL_MILLIS);
        // without 'timeout' the tracker bundles decide (HTTP/TCP: 5 s; see their README section)
        Map<String, Object> p = common(name, intervalMillis, polling ? timeout : Optional.empty(), t.rise == null ? 1 : t.rise.value(), t.fall == null ? 1 : t.fall.value(),
                t.weight == null ? defaultWeight(kind) : t.weight.value(), t.reverse);
        if (!polling) {
            p.remove("intervalMillis");
        }
        Map<String, Object> specific = new LinkedHashMap<>();
        t.properties.forEach((k, v) -> specific.put(k, v.value()));
        switch (kind) {
            case "process" -> {
                require(t, "processName", "process", label);
                specific.putIfAbsent("paramMatch", "exact");
                specific.putIfAbsent("quorum", 1);
                if (specific.get("quorumMax") instanceof Integer max && max < (Integer) specific.get("quorum")) {
                    context.error(t.properties.get("quorumMax").location(), label + ": quorum_max " + max
                            + " is less than quorum " + specific.get("quorum"));
                }
            }
            case "file" -> require(t, "file", "file", label);
            case "http" -> {
                require(t, "url", "url", label);
                specific.putIfAbsent("statusCodes", new Integer[] {200});
                specific.putIfAbsent("tlsVerify", true);
                if (Boolean.FALSE.equals(specific.get("tlsVerify"))) {
                    context.warning(t.properties.get("tlsVerify").location(), label
                            + ": tls_verify off accepts any certificate");
                }
            }
            case "tcp" -> {
                require(t, "connectIp", "connect_ip", label);
                require(t, "connectPort", "connect_port", label);
            }
            default -> { }
        }
        if (context.diagnostics().errorCount() > errors) {
            return Optional.empty();
        }
        p.putAll(specific);
        return Optional.of(new TrackerDef(kind, name, p, t.block, t.name.location()));
    }

    private void require(Tracker t, String property, String keyword, String label) {
        if (!t.properties.containsKey(property) && !givenButInvalid(t, keyword)) {
            context.error(t.name.location(), label + " has no '" + keyword + "'");
        }
    }

    /** Whether the keyword was in the block with a value already reported as invalid (no second error). */
    private boolean givenButInvalid(Tracker t, String keyword) {
        String prefix = "invalid " + keyword + " '";
        return context.diagnostics().sorted().stream().anyMatch(d -> d.isError() && d.message().startsWith(prefix)
                && d.location().file().equals(t.name.location().file())
                && d.location().line() > t.name.location().line());
    }

    private int positiveMillis(Located<BigDecimal> seconds, String label, String keyword) {
        int millis = TrackerGrammars.millis(seconds.value());
        if (millis <= 0) {
            context.warning(seconds.location(), label + ": " + keyword + " must be greater than 0; using 1");
            return 1000;
        }
        return millis;
    }

    /** keepalived: a track_file's value counts once by default (weight 1); every other check 0. */
    static int defaultWeight(String kind) {
        return kind.equals("file") ? 1 : 0;
    }

    private static Map<String, Object> common(String name, int intervalMillis, Optional<Integer> timeoutMillis,
                                              int rise, int fall, int weight, boolean reverse) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vigil.tracker.name", name);
        p.put("intervalMillis", intervalMillis);
        timeoutMillis.ifPresent(t -> p.put("timeoutMillis", t));
        p.put("rise", rise);
        p.put("fall", fall);
        p.put("weight", weight);
        p.put("reverse", reverse);
        return p;
    }
}
