package dev.vigil.tracker.file.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

/** Typed configurations from a map (defaults from the annotation), and a Logger that records. */
final class Configs {

    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            return switch (m.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "config " + values;
                default -> throw new IllegalStateException("no value for " + m.getName());
            };
        });
    }

    /** An OSGi Logger whose info/warn/error lines ("{}" filled in) land in {@code lines}. */
    static Logger logger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "info", "warn", "error", "debug", "trace", "audit" -> {
                            String text = (String) args[0];
                            for (int i = 1; args != null && i < args.length; i++) {
                                Object a = args[i];
                                if (a instanceof Object[] arr) {
                                    for (Object x : arr) {
                                        text = text.replaceFirst("\\{\\}", java.util.regex.Matcher.quoteReplacement(String.valueOf(x)));
                                    }
                                } else {
                                    text = text.replaceFirst("\\{\\}", java.util.regex.Matcher.quoteReplacement(String.valueOf(a)));
                                }
                            }
                            lines.add(m.getName().toUpperCase() + " " + text);
                            return null;
                        }
                        case "getName" -> {
                            return "test";
                        }
                        case "isInfoEnabled", "isWarnEnabled", "isErrorEnabled", "isDebugEnabled", "isTraceEnabled" -> {
                            return true;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "toString" -> {
                            return "test logger";
                        }
                        default -> {
                            return null;
                        }
                    }
                });
    }

    static List<String> lines() {
        return new CopyOnWriteArrayList<>();
    }
}
