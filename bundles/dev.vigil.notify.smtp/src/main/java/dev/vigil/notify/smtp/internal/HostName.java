package dev.vigil.notify.smtp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This host's name (uname's nodename), keepalived's default for router_id, smtp_helo_name and the
 * host part of notification_email_from. Read from procfs rather than resolved: a lookup of the
 * local name may wait on DNS, and an alert is usually sent when something is failing.
 */
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
            // not Linux, or procfs hidden: fall back below
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env.trim() : "localhost";
    }
}
