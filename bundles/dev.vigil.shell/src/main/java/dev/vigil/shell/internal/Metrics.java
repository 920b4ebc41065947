package dev.vigil.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.StateChange;
import dev.vigil.api.StateChangeListener;
import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.notify.NotifierQueues;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The optional Prometheus endpoint: {@code GET /metrics} in the Prometheus text format, built at
 * each scrape from the {@link VrrpRouter} views (the Prometheus client's model and text writer).
 * Off unless the framework property {@code vigil.metrics.port} is set; it listens on
 * {@code vigil.metrics.address} (default 127.0.0.1, loopback). Metric names are in the README.
 */
@Component(service = {}, immediate = true)
public class Metrics {

    static final String PORT_PROPERTY = "vigil.metrics.port";
    static final String ADDRESS_PROPERTY = "vigil.metrics.address";
    private static final int MAX_REQUEST = 8192;

    private final Routers routers;
    private final Logger log;
    private final ServerSocket server;
    private final Thread acceptor;
    private final ServiceRegistration<StateChangeListener> listener;
    /** Transitions counted since start, by instance, then "from to". */
    private final Map<String, Map<String, LongAdder>> transitions = new ConcurrentHashMap<>();

    @Activate
    public Metrics(BundleContext context, @Reference Routers routers,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.routers = routers;
        this.log = log;
        String port = context.getProperty(PORT_PROPERTY);
        if (port == null || port.isBlank() || port.strip().equals("0")) {
            server = null;
            acceptor = null;
            listener = null;
            return;
        }
        String host = context.getProperty(ADDRESS_PROPERTY);
        InetAddress bindTo = InetAddress.getByName(host == null || host.isBlank() ? "127.0.0.1" : host.strip());
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindTo, Integer.parseInt(port.strip())), 16);
        } catch (IOException | RuntimeException e) {
            socket.close();
            log.error("Prometheus metrics: cannot listen on {}:{}: {}", bindTo.getHostAddress(), port.strip(),
                    e.getMessage());
            server = null;
            acceptor = null;
            listener = null;
            return;
        }
        server = socket;
        listener = context.registerService(StateChangeListener.class, this::count, null);
        acceptor = new Thread(this::accept, "vigil-metrics");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("Prometheus metrics on http://{}:{}/metrics", bindTo.getHostAddress(), server.getLocalPort());
    }

    private void count(StateChange c) {
        transitions.computeIfAbsent(c.instance(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(c.from() + " " + c.to(), k -> new LongAdder()).increment();
    }

    @Deactivate
    void deactivate() {
        if (server == null) {
            return;
        }
        listener.unregister();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                serve(s);
            } catch (SocketException closed) {
                if (server.isClosed()) {
                    return;
                }
            } catch (IOException e) {
                log.debug("metrics request failed: {}", e.toString());
            } catch (RuntimeException | LinkageError e) {
                log.warn("metrics request failed: {}", e.toString());
            }
        }
    }

    private void serve(Socket s) throws IOException {
        String request = readHead(s.getInputStream());
        String[] words = request.split("\\s+", 3);
        OutputStream out = s.getOutputStream();
        if (words.length < 2 || !(words[0].equals("GET") || words[0].equals("HEAD"))) {
            respond(out, "405 Method Not Allowed", "text/plain; charset=utf-8", "GET /metrics\n".getBytes(StandardCharsets.UTF_8), true);
            return;
        }
        String path = words[1].split("\\?", 2)[0];
        boolean head = words[0].equals("HEAD");
        if (path.equals("/metrics")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            PrometheusTextFormatWriter.create().write(body, snapshot());
            respond(out, "200 OK", PrometheusTextFormatWriter.CONTENT_TYPE, body.toByteArray(), !head);
        } else if (path.equals("/")) {
            respond(out, "200 OK", "text/plain; charset=utf-8",
                    "Vigil VRRP daemon: metrics at /metrics\n".getBytes(StandardCharsets.UTF_8), !head);
        } else {
            respond(out, "404 Not Found", "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8), !head);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (head.size() < MAX_REQUEST) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            last4 = (last4 << 8) | c;
            if (last4 == 0x0d0a0d0a || (last4 & 0xffff) == 0x0a0a) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\n');
        return (eol < 0 ? text : text.substring(0, eol)).strip();
    }

    private static void respond(OutputStream out, String status, String type, byte[] body, boolean withBody)
            throws IOException {
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }

    /** Every metric, from the views as they are now. */
    MetricSnapshots snapshot() {
        return snapshot(routers.all(), transitionCounts(), routers.vipProbe(), routers.notifierQueues());
    }

    private Map<String, Map<String, Long>> transitionCounts() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        transitions.forEach((i, m) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            m.forEach((k, v) -> counts.put(k, v.sum()));
            out.put(i, counts);
        });
        return out;
    }

    static MetricSnapshots snapshot(List<VrrpRouter> all, Map<String, Map<String, Long>> transitions,
            Reports.VipProbe probe, List<NotifierQueues.QueueStatus> notifiers) {
        List<MetricSnapshot> out = new ArrayList<>();
        InfoSnapshot.Builder info = InfoSnapshot.builder().name("vigil_vrrp_instance")
                .help("One per instance: interface, VRID and VRRP version as labels");
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("vigil_vrrp_state")
                .help("1 for the instance's current state, 0 for the others");
        GaugeSnapshot.Builder since = GaugeSnapshot.builder().name("vigil_vrrp_state_since_seconds")
                .help("When the current state was entered (Unix time)");
        GaugeSnapshot.Builder effective = GaugeSnapshot.builder().name("vigil_vrrp_priority_effective")
                .help("The priority advertised now (trackers applied)");
        GaugeSnapshot.Builder base = GaugeSnapshot.builder().name("vigil_vrrp_priority_base")
                .help("The configured priority");
        GaugeSnapshot.Builder maintenance = GaugeSnapshot.builder().name("vigil_vrrp_maintenance")
                .help("1 while the instance is held out for maintenance");
        GaugeSnapshot.Builder advert = GaugeSnapshot.builder().name("vigil_vrrp_advert_interval_seconds")
                .help("Advert interval (for v3 BACKUPs, the master's learned one)");
        GaugeSnapshot.Builder vips = GaugeSnapshot.builder().name("vigil_vrrp_virtual_addresses")
                .help("Configured virtual addresses");
        GaugeSnapshot.Builder vipPresent = GaugeSnapshot.builder().name("vigil_vrrp_virtual_address_present")
                .help("1 while the VIP is on its interface on this host (absent when it cannot be told)");
        GaugeSnapshot.Builder trackerUp = GaugeSnapshot.builder().name("vigil_vrrp_tracker_up")
                .help("1 while the tracker's last result is up");
        GaugeSnapshot.Builder trackerDelta = GaugeSnapshot.builder().name("vigil_vrrp_tracker_priority_delta")
                .help("What the tracker adds to the instance's priority now");
        CounterSnapshot.Builder trans = CounterSnapshot.builder().name("vigil_vrrp_transitions")
                .help("State transitions since the daemon started");
        Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        for (VrrpRouter r : all) {
            Labels id = Labels.of("vrrp_instance", r.name());
            info.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("vrrp_instance", r.name(), "interface",
                    r.interfaceName(), "vrid", Integer.toString(r.virtualRouterId()), "version",
                    Integer.toString(r.version()))).build());
            VrrpState now = r.state();
            for (VrrpState s : VrrpState.values()) {
                state.dataPoint(gauge(s == now ? 1 : 0, Labels.of("vrrp_instance", r.name(), "state", s.name())));
            }
            since.dataPoint(gauge(r.stateSince().toEpochMilli() / 1000.0, id));
            effective.dataPoint(gauge(r.effectivePriority(), id));
            base.dataPoint(gauge(r.basePriority(), id));
            maintenance.dataPoint(gauge(r.maintenance() ? 1 : 0, id));
            advert.dataPoint(gauge(r.advertIntervalCentis() / 100.0, id));
            vips.dataPoint(gauge(r.virtualAddresses().size(), id));
            for (String text : r.virtualAddresses()) {
                try {
                    VirtualAddress vip = Vips.parse(text, r.interfaceName());
                    Boolean present = probe.present(vip);
                    if (present != null) {
                        vipPresent.dataPoint(gauge(present ? 1 : 0, Labels.of("vrrp_instance", r.name(), "address",
                                Vips.cidr(vip), "device", vip.device())));
                    }
                } catch (RuntimeException unreadable) {
                    // a VIP string the view should not hold: nothing to say about it
                }
            }
            for (TrackerContribution t : r.trackers()) {
                Labels tl = Labels.of("vrrp_instance", r.name(), "tracker", t.name(), "kind", t.kind());
                trackerUp.dataPoint(gauge(t.up() ? 1 : 0, tl));
                trackerDelta.dataPoint(gauge(t.delta(), tl));
            }
            for (Map.Entry<String, Long> c : r.counters().entrySet()) {
                counters.computeIfAbsent(c.getKey(), k -> CounterSnapshot.builder().name(counterName(k))
                        .help("RFC 6527 / keepalived counter " + k))
                        .dataPoint(CounterDataPointSnapshot.builder().value(c.getValue()).labels(id).build());
            }
            for (Map.Entry<String, Long> t : transitions.getOrDefault(r.name(), Map.of()).entrySet()) {
                String[] fromTo = t.getKey().split(" ");
                trans.dataPoint(CounterDataPointSnapshot.builder().value(t.getValue())
                        .labels(Labels.of("vrrp_instance", r.name(), "from", fromTo[0], "to", fromTo[1])).build());
            }
        }
        out.add(info.build());
        out.add(state.build());
        out.add(since.build());
        out.add(effective.build());
        out.add(base.build());
        out.add(maintenance.build());
        out.add(advert.build());
        out.add(vips.build());
        out.add(vipPresent.build());
        out.add(trackerUp.build());
        out.add(trackerDelta.build());
        out.add(trans.build());
        counters.values().forEach(b -> out.add(b.build()));
        notifierMetrics(out, notifiers);
        return new MetricSnapshots(out);
    }

    /** Per notifier: what waits, and what was delivered, failed or dropped. */
    private static void notifierMetrics(List<MetricSnapshot> out, List<NotifierQueues.QueueStatus> notifiers) {
        GaugeSnapshot.Builder queued = GaugeSnapshot.builder().name("vigil_notifier_queued")
                .help("Notifications waiting in the notifier's queue");
        CounterSnapshot.Builder delivered = CounterSnapshot.builder().name("vigil_notifier_delivered")
                .help("Notifications the notifier delivered");
        CounterSnapshot.Builder failed = CounterSnapshot.builder().name("vigil_notifier_failed")
                .help("Notifications whose delivery failed (after the notifier's own retries)");
        CounterSnapshot.Builder dropped = CounterSnapshot.builder().name("vigil_notifier_dropped")
                .help("Notifications pushed out of a full queue or left when the notifier went away");
        for (NotifierQueues.QueueStatus q : notifiers) {
            Labels l = Labels.of("notifier", q.name());
            queued.dataPoint(gauge(q.queued(), l));
            delivered.dataPoint(CounterDataPointSnapshot.builder().value(q.delivered()).labels(l).build());
            failed.dataPoint(CounterDataPointSnapshot.builder().value(q.failed()).labels(l).build());
            dropped.dataPoint(CounterDataPointSnapshot.builder().value(q.dropped()).labels(l).build());
        }
        out.add(queued.build());
        out.add(delivered.build());
        out.add(failed.build());
        out.add(dropped.build());
    }

    private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    /** {@code rcvdAdvertisements} → {@code vigil_vrrp_rcvd_advertisements} (the writer adds _total). */
    static String counterName(String key) {
        return "vigil_vrrp_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
