package dev.vigil.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;
import dev.vigil.api.notify.NotifierQueues;
import dev.vigil.api.track.TrackStatus;

/**
 * The {@code vrrp:} Gogo commands. Each returns its text (or, with {@code --json}, one JSON
 * document); errors are exceptions, which the shell and the control socket report as failures.
 */
@Component(service = VrrpCommands.class, immediate = true, property = {
        "osgi.command.scope=vrrp",
        "osgi.command.function=list",
        "osgi.command.function=show",
        "osgi.command.function=stats",
        "osgi.command.function=track",
        "osgi.command.function=maintenance"})
public class VrrpCommands {

    private final Routers routers;

    @Activate
    public VrrpCommands(@Reference Routers routers) {
        this.routers = routers;
    }

    @Descriptor("one line per VRRP instance: interface, VRID, version, state, priorities, master, VIP count")
    public String list(@Descriptor("JSON output") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<VrrpRouter> all = routers.all();
        if (json) {
            List<Object> out = new ArrayList<>();
            all.forEach(r -> out.add(Reports.summary(r)));
            return Json.pretty(out);
        }
        return Reports.listText(all);
    }

    @Descriptor("everything about one instance: state, timers, priority by tracker, VIPs, counters, transitions")
    public String show(@Descriptor("JSON output") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json, @Descriptor("instance name") String name) {
        VrrpRouter r = routers.named(name);
        Instant now = Instant.now();
        return json ? Json.pretty(Reports.detail(r, routers.vipProbe(), now))
                : Reports.showText(r, routers.vipProbe(), now);
    }

    @Descriptor("everything about every instance")
    public String show(@Descriptor("JSON output") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        Instant now = Instant.now();
        List<VrrpRouter> all = routers.all();
        if (json) {
            List<Object> out = new ArrayList<>();
            all.forEach(r -> out.add(Reports.detail(r, routers.vipProbe(), now)));
            return Json.pretty(out);
        }
        if (all.isEmpty()) {
            return "No VRRP instances.";
        }
        List<String> parts = new ArrayList<>();
        all.forEach(r -> parts.add(Reports.showText(r, routers.vipProbe(), now)));
        return String.join("\n\n", parts);
    }

    @Descriptor("every counter of every instance (RFC 6527 names)")
    public String stats(@Descriptor("JSON output") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<VrrpRouter> all = routers.all();
        if (json) {
            List<Object> out = new ArrayList<>();
            all.forEach(r -> out.add(Reports.stats(r)));
            return Json.pretty(out);
        }
        return Reports.statsText(all);
    }

    @Descriptor("trackers: state, what each adds to which instance, recent changes")
    public String track(@Descriptor("JSON output") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<Map<String, Object>> report = trackReport();
        return json ? Json.pretty(report) : trackText(report);
    }

    /**
     * Notifiers (their queues and counters) and every other state-change listener. Gogo cannot
     * call a method named {@code notify} ({@code Object.notify} wins), so {@link NotifyCommand}
     * calls this.
     */
    public String notifiers(boolean json) {
        List<NotifierQueues.QueueStatus> queues = routers.notifierQueues();
        List<Map<String, Object>> listeners = routers.listeners();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Object> notifiers = new ArrayList<>();
            for (NotifierQueues.QueueStatus q : queues) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", q.name());
                m.put("bound", q.bound());
                m.put("capacity", q.capacity());
                m.put("queued", q.queued());
                m.put("accepted", q.accepted());
                m.put("delivered", q.delivered());
                m.put("failed", q.failed());
                m.put("dropped", q.dropped());
                notifiers.add(m);
            }
            out.put("notifiers", notifiers);
            out.put("listeners", listeners);
            return Json.pretty(out);
        }
        StringBuilder text = new StringBuilder();
        if (queues.isEmpty()) {
            text.append("Notifiers: none configured\n");
        } else {
            text.append("Notifiers: ").append(queues.size()).append('\n');
            text.append(String.format("  %-32s %-7s %9s %9s %9s %7s %8s%n", "NAME", "STATE", "QUEUED", "ACCEPTED",
                    "DELIVERED", "FAILED", "DROPPED"));
            for (NotifierQueues.QueueStatus q : queues) {
                text.append(String.format("  %-32s %-7s %9s %9d %9d %7d %8d%n", q.name(), q.bound() ? "bound" : "away",
                        q.queued() + "/" + q.capacity(), q.accepted(), q.delivered(), q.failed(), q.dropped()));
            }
        }
        text.append("State-change listeners: ").append(listeners.size()).append('\n');
        for (Map<String, Object> l : listeners) {
            text.append("  service ").append(l.get("serviceId")).append(" from ").append(l.get("bundle"));
            if (l.get("component") != null) {
                text.append(" (").append(l.get("component")).append(')');
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    @Descriptor("resign for maintenance (on) or come back (off); see `vrrp:show NAME`")
    public String maintenance(@Descriptor("JSON output") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json, @Descriptor("instance name") String name,
            @Descriptor("on or off") String onOff) {
        boolean on = switch (onOff.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("maintenance takes on or off, not '" + onOff + "'");
        };
        VrrpRouter r = routers.named(name);
        VrrpState before = r.state();
        boolean was = r.maintenance();
        r.setMaintenance(on);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", r.name());
            out.put("maintenance", on);
            out.put("previousMaintenance", was);
            out.put("previousState", before.name());
            out.put("state", r.state().name());
            return Json.pretty(out);
        }
        if (on) {
            return r.name() + ": maintenance on (was " + before + "); "
                    + (before == VrrpState.MASTER ? "resigned with a priority-0 advert, VIPs released; " : "")
                    + "held in FAULT whatever its priority or preempt setting until `vrrp:maintenance "
                    + r.name() + " off`";
        }
        return r.name() + ": maintenance off (now " + r.state() + "); it returns as BACKUP and takes the master "
                + "role back only if its priority wins and preempt allows it";
    }

    List<Map<String, Object>> trackReport() {
        List<VrrpRouter> all = routers.all();
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Routers.Watched w : routers.trackers()) {
            TrackStatus s = w.tracker.status();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name);
            m.put("kind", w.kind);
            m.put("available", true);
            m.put("up", s.up());
            m.put("value", s.value().isPresent() ? s.value().getAsInt() : null);
            m.put("detail", s.detail());
            m.put("since", s.since().equals(Instant.EPOCH) ? null : s.since().toString());
            m.put("instances", followers(all, w.name));
            List<Object> history = new ArrayList<>();
            for (TrackStatus h : w.history()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("at", h.since().toString());
                e.put("up", h.up());
                e.put("value", h.value().isPresent() ? h.value().getAsInt() : null);
                e.put("detail", h.detail());
                history.add(e);
            }
            m.put("history", history);
            out.add(m);
            seen.add(w.name);
        }
        // interfaces and referenced trackers without a service, as the instances see them
        for (VrrpRouter r : all) {
            for (TrackerContribution t : r.trackers()) {
                if (seen.contains(t.name())) {
                    continue;
                }
                seen.add(t.name());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.put("kind", t.kind());
                m.put("available", "interface".equals(t.kind()));
                m.put("up", t.up());
                m.put("value", null);
                m.put("detail", t.detail());
                m.put("since", null);
                m.put("instances", followers(all, t.name()));
                m.put("history", List.of());
                out.add(m);
            }
        }
        return out;
    }

    private static List<Object> followers(List<VrrpRouter> all, String tracker) {
        List<Object> list = new ArrayList<>();
        for (VrrpRouter r : all) {
            for (TrackerContribution t : r.trackers()) {
                if (t.name().equals(tracker)) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("instance", r.name());
                    f.put("weight", t.weight());
                    f.put("reverse", t.reverse());
                    f.put("delta", t.delta());
                    list.add(f);
                }
            }
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    static String trackText(List<Map<String, Object>> report) {
        if (report.isEmpty()) {
            return "No trackers.";
        }
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> t : report) {
            out.append(t.get("name")).append(" (").append(t.get("kind")).append("): ");
            if (!(Boolean) t.get("available")) {
                out.append("NOT AVAILABLE (treated as down)");
            } else {
                out.append((Boolean) t.get("up") ? "UP" : "DOWN");
                if (t.get("value") != null) {
                    out.append(", value ").append(t.get("value"));
                }
            }
            if (t.get("since") != null) {
                out.append(" since ").append(Reports.TIME.format(Instant.parse((String) t.get("since"))));
            }
            String detail = (String) t.get("detail");
            if (detail != null && !detail.isEmpty()) {
                out.append(" - ").append(detail);
            }
            out.append('\n');
            for (Object o : (List<Object>) t.get("instances")) {
                Map<String, Object> f = (Map<String, Object>) o;
                out.append("  ").append(f.get("instance")).append(": weight ").append(f.get("weight"))
                        .append((Boolean) f.get("reverse") ? " reverse" : "").append(", adds ")
                        .append(f.get("delta")).append('\n');
            }
            List<Object> history = (List<Object>) t.get("history");
            if (!history.isEmpty()) {
                out.append("  changes:\n");
                for (Object o : history) {
                    Map<String, Object> h = (Map<String, Object>) o;
                    out.append("    ").append(Reports.TIME.format(Instant.parse((String) h.get("at")))).append("  ")
                            .append((Boolean) h.get("up") ? "up" : "down");
                    if (h.get("value") != null) {
                        out.append(" value ").append(h.get("value"));
                    }
                    if (!((String) h.get("detail")).isEmpty()) {
                        out.append("  ").append(h.get("detail"));
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString().stripTrailing();
    }
}
