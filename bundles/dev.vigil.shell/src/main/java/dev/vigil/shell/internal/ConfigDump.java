package dev.vigil.shell.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * {@code vigil -d} (keepalived's {@code --dump-conf}): logs every Vigil configuration as the
 * daemon holds it (the ConfigAdmin records the keepalived.conf adapter wrote: instances,
 * trackers), at start and again whenever one changes (a reload). On only with the framework
 * property {@code vigil.dump.conf=true}.
 */
@Component(service = {}, immediate = true)
public class ConfigDump {

    private final Logger log;
    private final ServiceRegistration<ConfigurationListener> listener;

    @Activate
    public ConfigDump(BundleContext context, @Reference ConfigurationAdmin cm,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        if (!Boolean.parseBoolean(context.getProperty("vigil.dump.conf"))) {
            listener = null;
            return;
        }
        listener = context.registerService(ConfigurationListener.class, event -> {
            if (event.getType() == ConfigurationEvent.CM_UPDATED && event.getPid().startsWith("vigil.")) {
                try {
                    Configuration c = cm.getConfiguration(event.getPid(), "?");
                    dump(c.getPid(), c.getProperties());
                } catch (IOException e) {
                    log.warn("cannot read configuration {}: {}", event.getPid(), e.getMessage());
                }
            }
        }, null);
        try {
            Configuration[] existing = cm.listConfigurations("(" + Constants.SERVICE_PID + "=vigil.*)");
            if (existing != null) {
                for (Configuration c : existing) {
                    dump(c.getPid(), c.getProperties());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("cannot list configurations: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        if (listener != null) {
            listener.unregister();
        }
    }

    private void dump(String pid, Dictionary<String, Object> props) {
        if (props == null) {
            return;
        }
        for (String line : lines(pid, props)) {
            log.info(line);
        }
    }

    /** The configuration as log lines: a header, then {@code key = value} sorted by key. */
    static List<String> lines(String pid, Dictionary<String, Object> props) {
        List<String> keys = Collections.list(props.keys());
        Collections.sort(keys);
        List<String> out = new ArrayList<>();
        out.add("------< Configuration " + pid + " >------");
        for (String k : keys) {
            if (k.equals(Constants.SERVICE_PID) || k.equals("service.factoryPid") || k.startsWith("felix.")) {
                continue;
            }
            out.add(" " + k + " = " + text(props.get(k)));
        }
        return out;
    }

    private static String text(Object v) {
        if (v != null && v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(String.valueOf(Array.get(v, i)));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return String.valueOf(v);
    }
}
