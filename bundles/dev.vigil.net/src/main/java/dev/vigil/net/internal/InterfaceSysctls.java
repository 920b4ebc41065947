package dev.vigil.net.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Per-interface sysctls under /proc/sys/net. The kernel resolves these files in the network
 * namespace of the thread that opens them, so they act where the caller's netlink sockets do.
 */
final class InterfaceSysctls {

    private static final Path ROOT = Path.of("/proc/sys/net");

    private InterfaceSysctls() {
    }

    static OptionalInt readIpv4(String ifname, String parameter) throws IOException {
        try {
            // one read of the whole file: Files.readString probes with a 1-byte read first, and an
            // integer sysctl read from offset 1 is empty (it returned "4" for 4194304)
            String text;
            try (var in = Files.newInputStream(path("ipv4", ifname, parameter))) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            }
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (NumberFormatException e) {
            throw new IOException("net.ipv4.conf." + ifname + "." + parameter + " is not a number", e);
        }
    }

    static void writeIpv4(String ifname, String parameter, int value) throws IOException {
        write("ipv4", ifname, parameter, value);
    }

    /** Writes an IPv6 parameter; false when the interface has no IPv6 configuration (IPv6 off). */
    static boolean writeIpv6(String ifname, String parameter, int value) throws IOException {
        try {
            write("ipv6", ifname, parameter, value);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void write(String family, String ifname, String parameter, int value) throws IOException {
        Files.writeString(path(family, ifname, parameter), Integer.toString(value), StandardCharsets.US_ASCII);
    }

    private static Path path(String family, String ifname, String parameter) throws IOException {
        if (ifname.isEmpty() || ifname.contains("/") || ifname.equals(".") || ifname.equals("..")) {
            throw new IOException("bad interface name '" + ifname + "'");
        }
        return ROOT.resolve(family).resolve("conf").resolve(ifname).resolve(parameter);
    }
}
