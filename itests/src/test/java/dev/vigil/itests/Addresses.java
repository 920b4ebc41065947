package dev.vigil.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.testing.netns.Topology;

/** The addresses on a host's interface, read with {@code ip -o addr}, for the scenario tests. */
final class Addresses {

    private static final int ATTEMPTS = 200;
    private static final long PAUSE_MILLIS = 50;

    private Addresses() {
    }

    /** Every {@code inet}/{@code inet6} ADDR/LEN on {@code iface} of {@code host}. */
    static List<String> of(Topology topo, int host, String iface) {
        String out = topo.exec(host, Duration.ofSeconds(5), "ip", "-o", "addr", "show", "dev", iface).stdout();
        List<String> cidrs = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] tokens = line.trim().split("\\s+");
            for (int k = 0; k < tokens.length - 1; k++) {
                if (tokens[k].equals("inet") || tokens[k].equals("inet6")) {
                    cidrs.add(tokens[k + 1]);
                }
            }
        }
        return cidrs;
    }

    /** Waits (10 s at most) until {@code cidr} is on the interface ({@code present}) or gone; false if never. */
    static boolean waitFor(Topology topo, int host, String iface, String cidr, boolean present) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (of(topo, host, iface).contains(cidr) == present) {
                return true;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return false;
    }
}
