package dev.vigil.vrrp.internal;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.vigil.api.track.Tracker;

/**
 * What the ConfigAdmin configuration of a tracker says (its kind, from the factory PID
 * {@code vigil.tracker.K}, and its own {@code weight} and {@code reverse}), for a tracker whose
 * service is not there: its kind's bundle absent or not started yet. The weight then still counts
 * as configured, and the "(kind K) is not available" line names the kind.
 *
 * <p>Only this needs ConfigAdmin, so the bundle does not import org.osgi.service.cm: when a
 * ConfigurationAdmin service is there it is asked through its public interface, reflectively;
 * otherwise, or on any failure, nothing is known. Call it from a DS or configuration thread,
 * never from the protocol loop (ConfigAdmin may be busy delivering configurations that wait for
 * the loop).
 */
final class TrackerConfigurations {

    /** @param weight null when the configuration has none */
    record Configured(String kind, Integer weight, Boolean reverse) {
    }

    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";
    private static final String PREFIX = "vigil.tracker.";

    private final BundleContext context;

    TrackerConfigurations(BundleContext context) {
        this.context = context;
    }

    /** The configurations of {@code names} that exist; missing names are left out. */
    Map<String, Configured> lookup(Collection<String> names) {
        Map<String, Configured> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        try {
            ServiceReference<?> ref = context.getServiceReference(CONFIGURATION_ADMIN);
            if (ref == null) {
                return found;
            }
            Object admin = context.getService(ref);
            if (admin == null) {
                return found;
            }
            try {
                Method list = publicInterface(admin.getClass(), CONFIGURATION_ADMIN).getMethod("listConfigurations",
                        String.class);
                for (String name : names) {
                    Object[] configurations = (Object[]) list.invoke(admin,
                            "(" + Tracker.NAME_PROPERTY + "=" + escape(name) + ")");
                    if (configurations == null) {
                        continue;
                    }
                    for (Object c : configurations) {
                        Class<?> type = publicInterface(c.getClass(), CONFIGURATION);
                        Object pid = type.getMethod("getFactoryPid").invoke(c);
                        if (pid instanceof String p && p.startsWith(PREFIX) && p.length() > PREFIX.length()) {
                            Dictionary<?, ?> props = (Dictionary<?, ?>) type.getMethod("getProperties").invoke(c);
                            found.put(name, new Configured(p.substring(PREFIX.length()),
                                    props == null ? null : TrackerDirectory.integerOrNull(props.get("weight")),
                                    props == null ? null : TrackerDirectory.booleanOrNull(props.get("reverse"))));
                            break;
                        }
                    }
                }
            } finally {
                context.ungetService(ref);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // nothing more to learn: the trackers count as configured without a known weight
        }
        return found;
    }

    private static Class<?> publicInterface(Class<?> type, String name) throws ClassNotFoundException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
            }
        }
        throw new ClassNotFoundException(name + " not implemented by " + type.getName());
    }

    /** RFC 1960 filter value escaping. */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '*' || ch == '(' || ch == ')') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
