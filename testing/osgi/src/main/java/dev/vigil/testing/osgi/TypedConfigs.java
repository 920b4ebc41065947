package dev.vigil.testing.osgi;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A DS typed configuration (a component property type annotation) built from a map, as SCR
 * builds it: a method returns the map's value for its name, else the annotation's default.
 * For unit tests that activate one component without a framework.
 */
public final class TypedConfigs {

    private TypedConfigs() {
    }

    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> type, Map<String, Object> values) {
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
}
