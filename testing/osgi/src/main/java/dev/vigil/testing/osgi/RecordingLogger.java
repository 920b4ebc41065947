package dev.vigil.testing.osgi;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

import org.osgi.service.log.Logger;

/** An OSGi {@link Logger} whose lines ({@code "{}"} filled in) land in a list, prefixed by level. */
public final class RecordingLogger {

    private RecordingLogger() {
    }

    /** A list safe to read while components log into it from their own threads. */
    public static List<String> lines() {
        return new CopyOnWriteArrayList<>();
    }

    public static Logger into(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "info", "warn", "error", "debug", "trace", "audit" -> {
                        lines.add(m.getName().toUpperCase() + " " + format(args));
                        yield null;
                    }
                    case "getName" -> "test";
                    case "isInfoEnabled", "isWarnEnabled", "isErrorEnabled", "isDebugEnabled", "isTraceEnabled" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test logger";
                    default -> null;
                });
    }

    private static String format(Object[] args) {
        String text = (String) args[0];
        for (int i = 1; i < args.length; i++) {
            Object[] values = args[i] instanceof Object[] arr ? arr : new Object[] {args[i]};
            for (Object v : values) {
                text = text.replaceFirst("\\{\\}", Matcher.quoteReplacement(String.valueOf(v)));
            }
        }
        return text;
    }
}
