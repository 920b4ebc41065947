package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This host's name, keepalived's default router_id (from uname's nodename). */
final class HostName {

    private static volatile String cached;

    private HostName() {
    }

    static String get() {
        String name = cached;
        if (name == null) {
            name = read();
            cached = name;
        }
        return name;
    }

    private static String read() {
        try {
            String n = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!n.isEmpty()) {
                return n;
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env : "localhost";
    }
}
