package dev.vigil.testing.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A throw-away network: a hub namespace holding bridge {@code br0}, and N host namespaces each
 * with an {@code eth0} (one end of a veth pair; the other end is a port of {@code br0}). Host i
 * (1-based) has 198.51.100.(10+i)/24. Names carry a random tag ({@code vg<tag>-h1},
 * {@code vg<tag>-hub}) so parallel runs and leftovers never collide.
 *
 * <pre>{@code
 * try (Topology net = Topology.create(2)) {
 *     Proc d = net.start(1, List.of("sleep", "30"), tmp.resolve("d.log"));
 *     assertThat(net.exec(1, Duration.ofSeconds(5), "ping", "-c1", "-w5", "198.51.100.12").ok()).isTrue();
 * }
 * }</pre>
 *
 * {@link #close()} (or, failing that, a JVM shutdown hook) ends every process this topology
 * started by its own PID, deletes every namespace it made, and checks they are gone.
 */
public final class Topology implements AutoCloseable {

    public static final String IFACE = "eth0";
    public static final String BRIDGE = "br0";
    /** The interface and bridge of {@link #addSecondLink()}. */
    public static final String SECOND_IFACE = "eth1";
    public static final String SECOND_BRIDGE = "br1";
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String tag;
    private final int hosts;
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final List<Proc> procs = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    private Topology(int hosts) {
        this.hosts = hosts;
        this.tag = randomTag();
        this.shutdownHook = new Thread(this::cleanUp, "vigil-netns-cleanup-" + tag);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Builds the topology. Skips the calling test (JUnit assumption) when not root or no iproute2.
     *
     * @param hosts 1..200 host namespaces
     */
    public static Topology create(int hosts) {
        if (hosts < 1 || hosts > 200) {
            throw new IllegalArgumentException("hosts must be 1..200, got " + hosts);
        }
        Netns.assumeRoot();
        Topology t = new Topology(hosts);
        try {
            t.build();
            return t;
        } catch (RuntimeException | Error e) {
            try {
                t.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void build() {
        String hub = hubNs();
        addNamespace(hub);
        ip(hub, "link", "set", "lo", "up");
        ip(hub, "link", "add", BRIDGE, "type", "bridge", "forward_delay", "0", "mcast_snooping", "0");
        ip(hub, "link", "set", BRIDGE, "up");
        for (int i = 1; i <= hosts; i++) {
            String ns = ns(i);
            addNamespace(ns);
            // Before eth0 exists, so "default" applies to it; then on eth0 itself to be sure.
            sysctl(ns, "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            String port = bridgePort(i);
            ip(ns, "link", "add", IFACE, "type", "veth", "peer", "name", port, "netns", hub);
            sysctl(ns, "net.ipv6.conf." + IFACE + ".accept_dad=0");
            ip(hub, "link", "set", port, "master", BRIDGE);
            ip(hub, "link", "set", port, "up");
            ip(ns, "addr", "add", address(i).getHostAddress() + "/24", "dev", IFACE);
            ip(ns, "link", "set", "lo", "up");
            ip(ns, "link", "set", IFACE, "up");
        }
    }

    /**
     * A second link for the tests that need two: bridge {@code br1} in the hub namespace and
     * {@code eth1} on every host with 203.0.113.(10+i)/24. It goes with the namespaces.
     */
    public void addSecondLink() {
        ensureOpen();
        String hub = hubNs();
        ip(hub, "link", "add", SECOND_BRIDGE, "type", "bridge", "forward_delay", "0", "mcast_snooping", "0");
        ip(hub, "link", "set", SECOND_BRIDGE, "up");
        for (int host = 1; host <= hosts; host++) {
            String ns = ns(host);
            String port = "vg" + tag + "b" + host;
            ip(ns, "link", "add", SECOND_IFACE, "type", "veth", "peer", "name", port, "netns", hub);
            ip(hub, "link", "set", port, "master", SECOND_BRIDGE);
            ip(hub, "link", "set", port, "up");
            ip(ns, "addr", "add", "203.0.113." + (10 + host) + "/24", "dev", SECOND_IFACE);
            ip(ns, "link", "set", SECOND_IFACE, "up");
        }
    }

    private void addNamespace(String name) {
        Netns.run(IP_TIMEOUT, "ip", "netns", "add", name).orThrow();
        created.add(name);
    }

    private void sysctl(String ns, String... settings) {
        List<String> cmd = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        cmd.addAll(Arrays.asList(settings));
        Netns.run(IP_TIMEOUT, Netns.inNamespace(ns, cmd)).orThrow();
    }

    private Result ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(Arrays.asList(args));
        return Netns.run(IP_TIMEOUT, cmd).orThrow();
    }

    // ---- names and addresses -------------------------------------------------------------

    /** The random part of every name this topology makes. */
    public String tag() {
        return tag;
    }

    public int hosts() {
        return hosts;
    }

    /** Host i's namespace name (1-based). */
    public String ns(int host) {
        checkHost(host);
        return "vg" + tag + "-h" + host;
    }

    /** {@code /var/run/netns/NAME}: open it and setns(2) to enter host i's namespace from Java. */
    public Path nsPath(int host) {
        return Path.of("/var/run/netns", ns(host));
    }

    public String hubNs() {
        return "vg" + tag + "-hub";
    }

    /** The interface name inside every host namespace: {@code eth0}. */
    public String iface() {
        return IFACE;
    }

    /** The bridge-side end of host i's veth (in the hub namespace). */
    public String bridgePort(int host) {
        checkHost(host);
        return "vg" + tag + "h" + host;
    }

    /** 198.51.100.(10+i). */
    public Inet4Address address(int host) {
        checkHost(host);
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) (10 + host)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Host i's eth0 MAC address, lower case with colons. */
    public String mac(int host) {
        String out = ip(ns(host), "-o", "link", "show", "dev", IFACE).stdout();
        String[] tokens = out.trim().split("\\s+");
        for (int k = 0; k < tokens.length - 1; k++) {
            if (tokens[k].equals("link/ether")) {
                return tokens[k + 1].toLowerCase();
            }
        }
        throw new IllegalStateException("no MAC in: " + out);
    }

    // ---- processes -------------------------------------------------------------------------

    /** Starts {@code ip netns exec NS command...} in host i, stdout+stderr to {@code logFile}; tracked. */
    public Proc start(int host, List<String> command, Path logFile) {
        ensureOpen();
        List<String> full = Netns.inNamespace(ns(host), command);
        try {
            if (logFile.getParent() != null) {
                Files.createDirectories(logFile.getParent());
            }
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(logFile.toFile()).start();
            Proc proc = new Proc(p, logFile, String.join(" ", full));
            procs.add(proc);
            return proc;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + full, e);
        }
    }

    /** Runs {@code cmd} in host i to completion (killed after {@code timeout}); output captured. */
    public Result exec(int host, Duration timeout, String... cmd) {
        ensureOpen();
        return Netns.run(timeout, Netns.inNamespace(ns(host), Arrays.asList(cmd)));
    }

    /** The processes started so far (including finished ones). */
    public List<Proc> processes() {
        return Collections.unmodifiableList(procs);
    }

    // ---- links and addresses ---------------------------------------------------------------

    public void linkDown(int host) {
        ip(ns(host), "link", "set", IFACE, "down");
    }

    public void linkUp(int host) {
        ip(ns(host), "link", "set", IFACE, "up");
    }

    /** The CIDRs on host i's eth0 now, e.g. "198.51.100.11/24", "fe80::.../64". */
    public Set<String> addresses(int host) {
        return addresses(host, IFACE);
    }

    /** The CIDRs on {@code iface} of host i now. */
    public Set<String> addresses(int host, String iface) {
        Set<String> cidrs = new LinkedHashSet<>();
        for (String line : addressLines(host, iface)) {
            String[] tokens = line.trim().split("\\s+");
            for (int k = 0; k < tokens.length - 1; k++) {
                if (tokens[k].equals("inet") || tokens[k].equals("inet6")) {
                    cidrs.add(tokens[k + 1]);
                }
            }
        }
        return cidrs;
    }

    /** {@code ip -o addr show dev eth0} lines in host i (labels, scope, flags included). */
    public List<String> addressLines(int host) {
        return addressLines(host, IFACE);
    }

    private List<String> addressLines(int host, String iface) {
        String out = ip(ns(host), "-o", "addr", "show", "dev", iface).stdout();
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Polls (every 10 ms, at most {@code timeout}) until {@code cidr} is present/absent on eth0. */
    public boolean waitForAddress(int host, String cidr, boolean present, Duration timeout) {
        return waitForAddress(host, IFACE, cidr, present, timeout);
    }

    /** Polls (every 10 ms, at most {@code timeout}) until {@code cidr} is present/absent on {@code iface}. */
    public boolean waitForAddress(int host, String iface, String cidr, boolean present, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (addresses(host, iface).contains(cidr) == present) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            ProcessTree.sleep(10);
        }
    }

    // ---- capture ---------------------------------------------------------------------------

    /**
     * Starts {@code tshark -i eth0 -w pcap [-f filter]} in host i and waits (at most 15 s) until
     * it is capturing. {@code captureFilter} is a BPF filter or null/empty for everything.
     */
    public Capture capture(int host, String captureFilter, Path pcap) {
        return capture(host, IFACE, captureFilter, pcap);
    }

    /** As {@link #capture(int, String, Path)}, on {@code iface} of host i. */
    public Capture capture(int host, String iface, String captureFilter, Path pcap) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-i", iface, "-w", pcap.toString()));
        if (captureFilter != null && !captureFilter.isBlank()) {
            cmd.add("-f");
            cmd.add(captureFilter);
        }
        Proc proc = start(host, cmd, pcap.resolveSibling(pcap.getFileName() + ".log"));
        // "Capturing on" comes before the filter is live; "Capture started" after. Even then
        // libpcap may drop what arrived while the filter was being set, hence the short pause.
        if (!proc.waitForLog("Capture started", Duration.ofSeconds(15))) {
            proc.stop(Duration.ofSeconds(1));
            throw new IllegalStateException("tshark did not start capturing: " + proc.log());
        }
        ProcessTree.sleep(200);
        return new Capture(proc, pcap);
    }

    // ---- teardown --------------------------------------------------------------------------

    /**
     * Ends every tracked process (and its descendants, and anything else left in these
     * namespaces) by PID, deletes every namespace this topology made, and verifies they are gone.
     *
     * @throws IllegalStateException when a namespace survives
     */
    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already running hooks: nothing to remove
        }
        List<String> left = new ArrayList<>(Netns.list());
        left.retainAll(created);
        if (!left.isEmpty()) {
            throw new IllegalStateException("namespaces left behind: " + left);
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        List<Proc> reversed = new ArrayList<>(procs);
        Collections.reverse(reversed);
        for (Proc p : reversed) {
            p.stop(Duration.ofSeconds(2));
        }
        List<String> namespaces = new ArrayList<>(created);
        Collections.reverse(namespaces); // hosts first, hub last
        for (String ns : namespaces) {
            killLeftovers(ns);
        }
        for (String ns : namespaces) {
            for (int attempt = 0; attempt < 5; attempt++) {
                Netns.run(IP_TIMEOUT, "ip", "netns", "del", ns);
                if (!Netns.list().contains(ns)) {
                    break;
                }
                ProcessTree.sleep(100);
            }
        }
    }

    /** Processes in our namespace that we did not track (a daemon that forked): end them by PID. */
    private static void killLeftovers(String ns) {
        Result pids = Netns.run(IP_TIMEOUT, "ip", "netns", "pids", ns);
        if (!pids.ok()) {
            return;
        }
        for (String line : pids.stdout().split("\n")) {
            String pid = line.strip();
            if (pid.matches("\\d+")) {
                ProcessTree.killPid(Long.parseLong(pid), Duration.ofSeconds(2));
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("topology " + tag + " is closed");
        }
    }

    private void checkHost(int host) {
        if (host < 1 || host > hosts) {
            throw new IllegalArgumentException("host must be 1.." + hosts + ", got " + host);
        }
    }

    private static String randomTag() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Topology " + tag + " (" + hosts + " hosts)";
    }
}
