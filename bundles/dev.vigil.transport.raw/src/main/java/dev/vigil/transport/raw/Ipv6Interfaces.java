package dev.vigil.transport.raw;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The link-local address of an interface, from /proc/thread-self/net/if_inet6: the calling
 * thread's network namespace, like the sockets it creates (/proc/self/net would be the main
 * thread's).
 */
final class Ipv6Interfaces {

    static final Path IF_INET6 = Path.of("/proc/thread-self/net/if_inet6");
    private static final int SCOPE_LINK = 0x20;
    private static final int FLAG_TENTATIVE = 0x40;

    private Ipv6Interfaces() {
    }

    static Optional<Inet6Address> linkLocal(String ifname) throws IOException {
        if (!Files.exists(IF_INET6)) {
            return Optional.empty(); // IPv6 disabled
        }
        return linkLocal(Files.readString(IF_INET6), ifname);
    }

    /** Lines: address (32 hex), ifindex, prefix length, scope, flags, name. */
    static Optional<Inet6Address> linkLocal(String ifInet6, String ifname) throws IOException {
        for (String line : ifInet6.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[5].equals(ifname)) {
                continue;
            }
            int scope = Integer.parseInt(f[3], 16);
            int flags = Integer.parseInt(f[4], 16);
            if (scope == SCOPE_LINK && (flags & FLAG_TENTATIVE) == 0) {
                return Optional.of((Inet6Address) InetAddress.getByAddress(HexFormat.of().parseHex(f[0])));
            }
        }
        return Optional.empty();
    }
}
