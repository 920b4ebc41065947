package dev.vigil.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.VrrpRouter;

/**
 * keepalived's dump signals: SIGUSR1 writes the data dump ({@code /tmp/keepalived.data}),
 * SIGUSR2 the stats dump ({@code /tmp/keepalived.stats}), SIGRTMIN+2 (keepalived's
 * {@code SIGJSON}) the JSON dump ({@code /tmp/keepalived.json}). The directory is the framework
 * property {@code vigil.dump.dir} (default {@code /tmp}, keepalived's), each file can be named
 * with {@code vigil.dump.data}, {@code vigil.dump.stats}, {@code vigil.dump.json}. The content
 * is Vigil's own (what {@code vrrp:show}, {@code vrrp:stats} and {@code vrrp:show --json} print).
 * Off with {@code vigil.signals=false}. SIGHUP is the configuration reload's, not handled here.
 */
@Component(service = Dumps.class, immediate = true)
public class Dumps {

    private final Routers routers;
    private final Logger log;
    private final Path dataFile;
    private final Path statsFile;
    private final Path jsonFile;
    private final List<AutoCloseable> handlers = new ArrayList<>();

    @Activate
    public Dumps(BundleContext context, @Reference Routers routers,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.routers = routers;
        this.log = log;
        Path dir = Path.of(prop(context, "vigil.dump.dir", "/tmp"));
        this.dataFile = dir.resolve(prop(context, "vigil.dump.data", "keepalived.data"));
        this.statsFile = dir.resolve(prop(context, "vigil.dump.stats", "keepalived.stats"));
        this.jsonFile = dir.resolve(prop(context, "vigil.dump.json", "keepalived.json"));
        if ("false".equalsIgnoreCase(context.getProperty("vigil.signals"))) {
            return;
        }
        try {
            handlers.add(SignalHooks.handle("USR1", () -> write(dataFile, dataDump(Instant.now()))));
            handlers.add(SignalHooks.handle("USR2", () -> write(statsFile, statsDump(Instant.now()))));
        } catch (LinkageError | RuntimeException e) {
            log.warn("SIGUSR1/SIGUSR2 dumps are not available: {}", e.toString());
        }
        try {
            handlers.add(SignalHooks.handleRealtime(SignalHooks.JSON_OFFSET, () -> write(jsonFile, jsonDump(Instant.now()))));
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            log.warn("the JSON dump signal (SIGRTMIN+2) is not available ({}); `vigil ctl vrrp:show --json` gives the same",
                    e.toString());
        }
    }

    private static String prop(BundleContext context, String key, String dflt) {
        String v = context.getProperty(key);
        return v == null || v.isBlank() ? dflt : v;
    }

    @Deactivate
    void deactivate() {
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception ignored) {
                // restoring the default handler is best effort
            }
        }
    }

    private void write(Path file, String content) {
        try {
            // /tmp is everyone's: never write through a link someone left at our temporary name
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Wrote {}", file);
        } catch (IOException | RuntimeException e) {
            log.error("cannot write {}: {}", file, e.toString());
        }
    }

    String dataDump(Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Vigil data dump, ").append(Reports.TIME.format(now)).append(", pid ")
                .append(ProcessHandle.current().pid()).append("\n\n");
        List<VrrpRouter> all = routers.all();
        if (all.isEmpty()) {
            out.append("No VRRP instances.\n");
        }
        for (VrrpRouter r : all) {
            out.append(Reports.showText(r, routers.vipProbe(), now)).append("\n\n");
        }
        return out.toString();
    }

    String statsDump(Instant now) {
        return "Vigil stats dump, " + Reports.TIME.format(now) + ", pid " + ProcessHandle.current().pid() + "\n\n"
                + Reports.statsText(routers.all()) + "\n";
    }

    String jsonDump(Instant now) {
        List<Object> instances = new ArrayList<>();
        for (VrrpRouter r : routers.all()) {
            instances.add(Reports.detail(r, routers.vipProbe(), now));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", now.toString());
        doc.put("pid", ProcessHandle.current().pid());
        doc.put("instances", instances);
        return Json.pretty(doc) + "\n";
    }
}
