package dev.vigil.config.keepalived.cm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.keepalived.parser.SeedConfigs;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.Logger;

/**
 * The DS component with hand-made framework services (dynamic proxies): what it logs, and that a
 * file with errors changes no configuration.
 */
class KeepalivedConfigLoaderTest {

    @TempDir
    Path dir;

    private final Map<String, Dictionary<String, Object>> configurations = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();

    @Test
    void activationReadsTheFileNamedByTheFrameworkPropertyAndAppliesIt() throws Exception {
        KeepalivedConfigLoader loader = loader(SeedConfigs.BACKUP.toString());

        assertThat(loader.configFile()).isEqualTo(SeedConfigs.BACKUP);
        assertThat(configurations).containsOnlyKeys("vigil.instance~VI_WAN", "vigil.instance~VI_LAN",
                "vigil.tracker.script~chk_haproxy", "vigil.tracker.script~chk_nginx");
        assertThat(configurations.get("vigil.instance~VI_LAN").get("virtualRouterId")).isEqualTo(110);
        assertThat(log).contains("warn " + SeedConfigs.BACKUP + ":28: warning: unknown keyword 'smpt_alert' \u2014 did you mean 'smtp_alert'?");
        assertThat(log).filteredOn(l -> l.startsWith("warn ")).hasSize(3);
        assertThat(log).last().isEqualTo("info {}: {} vrrp_instance(s) loaded: {} | " + SeedConfigs.BACKUP
                + " | 2 | 2 created, 0 updated, 0 unchanged, 0 deleted; trackers: 2 created, 0 updated, 0 unchanged, "
                + "0 deleted");
    }

    @Test
    void aFileWithErrorsIsLoggedAndChangesNothing() throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.copy(SeedConfigs.BACKUP, file);
        KeepalivedConfigLoader loader = loader(file.toString());
        Map<String, Object> before = snapshot();
        log.clear();

        Files.writeString(file, "vrrp_instance VI_WAN {\n    interface ens160\n    priority 300\n}\n");
        boolean applied = loader.reload();

        assertThat(applied).isFalse();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(log).containsExactly(
                "error " + file + ":1: error: vrrp_instance VI_WAN: virtual_router_id is required",
                "warn " + file + ":1: warning: vrrp_instance VI_WAN: no virtual_ipaddress; at least one is sensible",
                "error " + file + ":3: error: invalid priority '300': must be an integer between 1 and 255",
                "error {}: {} error(s); configuration not applied, the running instances are kept | " + file + " | 2");
    }

    @Test
    void reloadAppliesOnlyWhatChanged() throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.copy(SeedConfigs.BACKUP, file);
        KeepalivedConfigLoader loader = loader(file.toString());
        log.clear();

        Files.writeString(file, Files.readString(file).replace("priority 99\t\t#", "priority 98\t\t#"));
        assertThat(loader.reload()).isTrue();

        assertThat(configurations.get("vigil.instance~VI_LAN").get("priority")).isEqualTo(98);
        assertThat(log).last().asString().endsWith("| 0 created, 1 updated, 1 unchanged, 0 deleted; trackers: 0 created, 0 updated, "
                + "2 unchanged, 0 deleted");
    }

    @Test
    void withoutTheFrameworkPropertyTheKeepalivedDefaultFileIsRead() throws Exception {
        KeepalivedConfigLoader loader = loader(null);
        assertThat(loader.configFile()).isEqualTo(Path.of("/etc/keepalived/keepalived.conf"));
    }

    private Map<String, Object> snapshot() {
        Map<String, Object> copy = new LinkedHashMap<>();
        configurations.forEach((pid, props) -> copy.put(pid, new Hashtable<>((Map<String, Object>) (Map<?, ?>) props)));
        return copy;
    }

    private KeepalivedConfigLoader loader(String file) throws Exception {
        KeepalivedConfigLoader loader = new KeepalivedConfigLoader();
        inject(loader, "configurationAdmin", configurationAdmin());
        inject(loader, "logger", logger());
        BundleContext context = proxy(BundleContext.class, (method, args) ->
                method.equals("getProperty") && args[0].equals(KeepalivedConfigLoader.CONFIG_FILE_PROPERTY) ? file : null);
        loader.activate(context);
        return loader;
    }

    private ConfigurationAdmin configurationAdmin() {
        return proxy(ConfigurationAdmin.class, (method, args) -> switch (method) {
            case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1], (String) args[0]);
            case "listConfigurations" -> {
                if (args[0] == null) {
                    Configuration[] all = configurations.entrySet().stream()
                            .map(e -> configuration(e.getKey(), (String) e.getValue().get("service.factoryPid")))
                            .toArray(Configuration[]::new);
                    yield all.length == 0 ? null : all;
                }
                String factoryPid = ((String) args[0]).replaceAll("^\\(service\\.factoryPid=(.*)\\)$", "$1");
                Configuration[] found = configurations.entrySet().stream()
                        .filter(e -> factoryPid.equals(e.getValue().get("service.factoryPid")))
                        .map(e -> configuration(e.getKey(), factoryPid))
                        .toArray(Configuration[]::new);
                yield found.length == 0 ? null : found;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private Configuration configuration(String pid, String factoryPid) {
        return proxy(Configuration.class, (method, args) -> switch (method) {
            case "getPid" -> pid;
            case "getFactoryPid" -> factoryPid;
            case "getProperties" -> configurations.containsKey(pid) ? new Hashtable<>((Map<?, ?>) configurations.get(pid)) : null;
            case "update" -> {
                @SuppressWarnings("unchecked")
                Dictionary<String, Object> props = new Hashtable<>((Map<String, Object>) args[0]);
                props.put("service.pid", pid);
                props.put("service.factoryPid", factoryPid);
                configurations.put(pid, props);
                yield null;
            }
            case "delete" -> {
                configurations.remove(pid);
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private Logger logger() {
        return proxy(Logger.class, (method, args) -> {
            StringBuilder line = new StringBuilder(method).append(' ').append(args[0]);
            for (int i = 1; i < args.length; i++) {
                Object arg = args[i];
                if (arg instanceof Object[] varargs) {
                    for (Object v : varargs) {
                        if (!(v instanceof Throwable)) {
                            line.append(" | ").append(v);
                        }
                    }
                } else if (!(arg instanceof Throwable)) {
                    line.append(" | ").append(arg);
                }
            }
            log.add(line.toString());
            return null;
        });
    }

    @FunctionalInterface
    private interface Handler {
        Object invoke(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getDeclaringClass() == Object.class
                        ? switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(p);
                            case "equals" -> p == args[0];
                            default -> type.getSimpleName();
                        }
                        : handler.invoke(method.getName(), args == null ? new Object[0] : args)));
    }

    private static void inject(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
