package dev.vigil.shell.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signal handlers. The named signals use {@code sun.misc.Signal} (the assembly boot-delegates
 * {@code sun.*}; the manifest imports nothing for it). Realtime signals have no name the JVM
 * knows, so {@link #handleRealtime} registers one by number through the JDK's internal
 * {@code jdk.internal.misc.Signal}, which needs
 * {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED} (bin/vigil passes it).
 */
final class SignalHooks {

    /** keepalived's SIGJSON is SIGRTMIN + 2. */
    static final int JSON_OFFSET = 2;
    /** glibc's SIGRTMIN on Linux (the kernel's 32 and 33 are taken by the C library's threads). */
    static final int SIGRTMIN = 34;

    private SignalHooks() {
    }

    /** Runs {@code action} on each {@code SIG<name>}; closing restores the previous handler. */
    static AutoCloseable handle(String name, Runnable action) {
        Signal signal = new Signal(name);
        SignalHandler previous = Signal.handle(signal, s -> action.run());
        return () -> Signal.handle(signal, previous);
    }

    /** Runs {@code action} on each {@code SIGRTMIN+offset}. */
    static AutoCloseable handleRealtime(int offset, Runnable action) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("jdk.internal.misc.Signal", true, null);
        Class<?> handlerClass = Class.forName("jdk.internal.misc.Signal$Handler", true, null);
        Object signal = signalClass.getConstructor(String.class).newInstance("USR1");
        Field number = signalClass.getDeclaredField("number");
        Field name = signalClass.getDeclaredField("name");
        number.setAccessible(true);
        name.setAccessible(true);
        number.setInt(signal, SIGRTMIN + offset);
        name.set(signal, "SIGRTMIN+" + offset);
        Object handler = Proxy.newProxyInstance(null, new Class<?>[] {handlerClass}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "handle" -> action.run();
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "toString" -> {
                    return "vigil handler for SIGRTMIN+" + offset;
                }
                default -> {
                    // nothing else is called
                }
            }
            return null;
        });
        java.lang.reflect.Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
        Object previous = handle.invoke(null, signal, handler);
        return () -> handle.invoke(null, signal, previous);
    }
}
