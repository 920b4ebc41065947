package dev.vigil.shell.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.api.StateChange;
import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * What the commands, the dump files and the metrics say about instances: structured values
 * (maps and lists, written as JSON by {@link Json}) and their text for people. Pure functions of
 * the {@link VrrpRouter} views and a clock.
 */
public final class Reports {

    /** Whether a VIP is on its interface now: TRUE/FALSE, or null when it cannot be told. */
    @FunctionalInterface
    public interface VipProbe {
        Boolean present(VirtualAddress vip);

        VipProbe UNKNOWN = vip -> null;
    }

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private Reports() {
    }

    // ---- timers (RFC 3768 §6.1 / RFC 5798 §6.1, as keepalived computes them) ----

    /** Skew_Time in milliseconds for the instance's effective priority and advert interval. */
    static double skewMillis(int version, int priority, int advertCentis) {
        double weight = 256 - priority;
        return version == 2 ? weight * 1000.0 / 256 : weight * advertCentis * 10.0 / 256;
    }

    /** Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time, in milliseconds. */
    static double masterDownMillis(int version, int priority, int advertCentis) {
        return 3 * advertCentis * 10.0 + skewMillis(version, priority, advertCentis);
    }

    // ---- structured values ----

    /** One line of {@code vrrp:list}. */
    public static Map<String, Object> summary(VrrpRouter r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("interface", r.interfaceName());
        m.put("vrid", r.virtualRouterId());
        m.put("version", r.version());
        m.put("state", r.state().name());
        m.put("effectivePriority", r.effectivePriority());
        m.put("basePriority", r.basePriority());
        m.put("master", address(r.masterAddress()));
        m.put("vipCount", r.virtualAddresses().size());
        m.put("maintenance", r.maintenance());
        return m;
    }

    /** Everything {@code vrrp:show} tells about one instance. */
    public static Map<String, Object> detail(VrrpRouter r, VipProbe probe, Instant now) {
        Map<String, Object> m = summary(r);
        m.put("stateSince", r.stateSince().toString());
        m.put("stateSeconds", seconds(Duration.between(r.stateSince(), now)));
        m.put("primaryAddress", address(r.primaryAddress()));
        m.put("faultReasons", List.copyOf(r.faultReasons()));
        int advert = r.advertIntervalCentis();
        Map<String, Object> timers = new LinkedHashMap<>();
        timers.put("advertIntervalMillis", advert * 10);
        timers.put("skewMillis", round(skewMillis(r.version(), r.effectivePriority(), advert)));
        timers.put("masterDownMillis", round(masterDownMillis(r.version(), r.effectivePriority(), advert)));
        m.put("timers", timers);
        List<Object> trackers = new ArrayList<>();
        for (TrackerContribution t : r.trackers()) {
            trackers.add(tracker(t));
        }
        m.put("trackers", trackers);
        List<Object> vips = new ArrayList<>();
        for (String text : r.virtualAddresses()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("address", text);
            try {
                VirtualAddress vip = Vips.parse(text, r.interfaceName());
                v.put("address", Vips.cidr(vip));
                v.put("device", vip.device());
                if (vip.label() != null) {
                    v.put("label", vip.label());
                }
                v.put("present", probe.present(vip));
            } catch (RuntimeException e) {
                v.put("present", null);
            }
            vips.add(v);
        }
        m.put("virtualAddresses", vips);
        m.put("counters", new LinkedHashMap<>(r.counters()));
        List<Object> transitions = new ArrayList<>();
        for (StateChange c : r.transitions()) {
            transitions.add(transition(c));
        }
        m.put("transitions", transitions);
        return m;
    }

    static Map<String, Object> tracker(TrackerContribution t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("kind", t.kind());
        m.put("weight", t.weight());
        m.put("reverse", t.reverse());
        m.put("up", t.up());
        m.put("delta", t.delta());
        m.put("detail", t.detail());
        return m;
    }

    static Map<String, Object> transition(StateChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", c.at().toString());
        m.put("from", c.from().name());
        m.put("to", c.to().name());
        m.put("priority", c.priority());
        m.put("reason", c.reason());
        return m;
    }

    /** The counters of one instance, by RFC 6527 name. */
    public static Map<String, Object> stats(VrrpRouter r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("state", r.state().name());
        m.put("counters", new LinkedHashMap<>(r.counters()));
        return m;
    }

    // ---- text ----

    /** {@code vrrp:list}: a header and one aligned line per instance. */
    public static String listText(List<VrrpRouter> routers) {
        if (routers.isEmpty()) {
            return "No VRRP instances.";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Name", "Interface", "VRID", "Ver", "State", "Prio (eff/base)", "Master", "VIPs"});
        for (VrrpRouter r : routers) {
            String state = r.state().name() + (r.maintenance() ? " (maint)" : "");
            rows.add(new String[] {r.name(), r.interfaceName(), Integer.toString(r.virtualRouterId()),
                    Integer.toString(r.version()), state, r.effectivePriority() + "/" + r.basePriority(),
                    r.masterAddress() == null ? "-" : address(r.masterAddress()),
                    Integer.toString(r.virtualAddresses().size())});
        }
        return table(rows);
    }

    /** {@code vrrp:show NAME}. */
    @SuppressWarnings("unchecked")
    public static String showText(VrrpRouter r, VipProbe probe, Instant now) {
        Map<String, Object> d = detail(r, probe, now);
        StringBuilder out = new StringBuilder(1024);
        out.append("Instance ").append(r.name()).append(": interface ").append(r.interfaceName())
                .append(", VRID ").append(r.virtualRouterId()).append(", VRRPv").append(r.version()).append('\n');
        field(out, "State", r.state() + " since " + TIME.format(r.stateSince()) + " ("
                + ago(Duration.between(r.stateSince(), now)) + ")");
        field(out, "Maintenance", r.maintenance()
                ? "on (resigned: held in FAULT until `vrrp:maintenance " + r.name() + " off`)" : "off");
        if (r.state() == VrrpState.FAULT || !r.faultReasons().isEmpty()) {
            field(out, "Fault reasons", r.faultReasons().isEmpty() ? "none" : String.join(", ", r.faultReasons()));
        }
        field(out, "Priority", r.effectivePriority() + " effective, " + r.basePriority() + " configured"
                + (r.trackers().isEmpty() ? " (no trackers)" : ""));
        for (TrackerContribution t : r.trackers()) {
            out.append("    ").append(String.format(Locale.ROOT, "%+d", t.delta())).append("  ").append(t.name())
                    .append(" (").append(t.kind()).append(", weight ").append(t.weight())
                    .append(t.reverse() ? ", reverse" : "").append("): ").append(t.up() ? "up" : "down");
            if (!t.detail().isEmpty()) {
                out.append(" - ").append(t.detail());
            }
            out.append('\n');
        }
        field(out, "Primary address", address(r.primaryAddress()));
        String master = r.masterAddress() == null ? "unknown"
                : address(r.masterAddress()) + (r.state() == VrrpState.MASTER ? " (this router)" : "");
        field(out, "Master", master);
        Map<String, Object> timers = (Map<String, Object>) d.get("timers");
        field(out, "Timers", String.format(Locale.ROOT, "advert %.2f s, skew %.3f s, master down %.3f s",
                ((Number) timers.get("advertIntervalMillis")).doubleValue() / 1000,
                ((Number) timers.get("skewMillis")).doubleValue() / 1000,
                ((Number) timers.get("masterDownMillis")).doubleValue() / 1000));
        out.append("  Virtual addresses:\n");
        List<Object> vips = (List<Object>) d.get("virtualAddresses");
        if (vips.isEmpty()) {
            out.append("    none\n");
        }
        for (Object o : vips) {
            Map<String, Object> v = (Map<String, Object>) o;
            Object present = v.get("present");
            out.append("    ").append(v.get("address"));
            if (v.containsKey("device")) {
                out.append(" dev ").append(v.get("device"));
            }
            if (v.containsKey("label")) {
                out.append(" label ").append(v.get("label"));
            }
            out.append(": ").append(present == null ? "unknown" : (Boolean) present ? "on the interface"
                    : "not on the interface").append('\n');
        }
        out.append("  Counters:\n");
        counterLines(out, r.counters(), "    ");
        out.append("  Transitions (oldest first):\n");
        if (r.transitions().isEmpty()) {
            out.append("    none\n");
        }
        for (StateChange c : r.transitions()) {
            out.append("    ").append(TIME.format(c.at())).append("  ").append(c.from()).append(" -> ")
                    .append(c.to()).append("  prio ").append(c.priority());
            if (!c.reason().isEmpty()) {
                out.append("  ").append(c.reason());
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** {@code vrrp:stats}: every counter of every instance. */
    public static String statsText(List<VrrpRouter> routers) {
        if (routers.isEmpty()) {
            return "No VRRP instances.";
        }
        StringBuilder out = new StringBuilder();
        for (VrrpRouter r : routers) {
            out.append(r.name()).append(" (").append(r.state()).append("):\n");
            counterLines(out, r.counters(), "  ");
        }
        return out.toString().stripTrailing();
    }

    private static void counterLines(StringBuilder out, Map<String, Long> counters, String indent) {
        int width = counters.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            out.append(indent).append(e.getKey()).append(" ".repeat(width - e.getKey().length() + 2))
                    .append(e.getValue()).append('\n');
        }
        if (counters.isEmpty()) {
            out.append(indent).append("none\n");
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  ").append(name).append(':').append(" ".repeat(Math.max(1, 19 - name.length())))
                .append(value).append('\n');
    }

    /** Columns aligned on the widest cell, two spaces apart; no trailing spaces. */
    static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(row[i]);
                if (i < cols - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static String address(InetAddress a) {
        return a == null ? null : a.getHostAddress();
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s ago", Math.max(0, d.toMillis()) / 1000.0);
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s ago";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min ago";
    }

    static double seconds(Duration d) {
        return Math.max(0, d.toMillis()) / 1000.0;
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
