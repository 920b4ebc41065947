package dev.vigil.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import dev.vigil.testing.netns.Capture;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;
import dev.vigil.testing.scenario.Wire;

/**
 * Runs initial election, kill -9 + link down, restart/preempt and SIGTERM against Vigil and
 * keepalived in fresh namespaces, and prints the client-observed times: every figure is read
 * from a capture on the client (VRRP adverts and gratuitous ARPs), never from daemon logs.
 */
public final class FailoverHarness {

    private static final String VIP = "198.51.100.100";
    private static final int A = 1, B = 2, CLIENT = 3;
    private static final int PRIO_A = 100, PRIO_B = 99;

    enum Daemon {
        VIGIL, KEEPALIVED;

        Proc start(Topology topo, int host, Path conf, Path dir) {
            return this == VIGIL ? VrrpPeers.startVigil(topo, host, conf, dir)
                    : VrrpPeers.startKeepalived(topo, host, conf, dir);
        }

        /** kill -9 of whatever sends the adverts. */
        void hardKill(Proc p, Path dir, int host) {
            if (this == KEEPALIVED) {
                Netns.run(Duration.ofSeconds(5), "kill", "-s", "KILL", Long.toString(VrrpPeers.keepalivedVrrpPid(dir, host)));
            }
            p.signal("KILL");
            p.waitFor(Duration.ofSeconds(5));
        }
    }

    record Sample(String scenario, Daemon daemon, String advert, double ms, double expectedMs) {
    }

    public static void main(String[] args) {
        if (!Netns.usable()) {
            System.err.println("bench: " + Netns.SKIP_MESSAGE);
            System.exit(2);
        }
        int reps = Integer.parseInt(args.length > 0 ? args[0] : "3");
        String[] adverts = (args.length > 1 ? args[1] : "1 0.1").trim().split("\\s+");
        String only = args.length > 2 ? args[2] : "all";
        List<Sample> samples = new ArrayList<>();
        for (String advert : adverts) {
            for (int rep = 1; rep <= reps; rep++) {
                for (Daemon d : Daemon.values()) {
                    if (!only.equals("all") && !only.equalsIgnoreCase(d.name())) {
                        continue;
                    }
                    try {
                        samples.addAll(runOnce(d, advert, rep));
                    } catch (RuntimeException | AssertionError e) {
                        System.err.printf("bench: %s advert %s run %d failed: %s%n", d, advert, rep, e);
                    }
                }
            }
        }
        print(samples);
    }

    private static List<Sample> runOnce(Daemon daemon, String advert, int rep) {
        int version = advert.contains(".") ? 3 : 2;
        double adv = Double.parseDouble(advert);
        // RFC 3768 §6.1 / RFC 5798 §6.1 (keepalived computes both in microseconds, unrounded)
        double skewB = version == 2 ? (256 - PRIO_B) / 256.0 : (256 - PRIO_B) * adv / 256;
        double masterDown = 3 * adv + skewB;
        Path dir = VrrpPeers.workDir("bench-" + daemon.name().toLowerCase() + "-" + advert + "-" + rep);
        Duration wait = Duration.ofMillis((long) (masterDown * 1000) + 15_000);
        List<Sample> out = new ArrayList<>();
        try (Topology topo = Topology.create(3)) {
            Path confA = VrrpPeers.writeConfig(dir, "a.conf", "a",
                    List.of(new VrrpPeers.Instance("VI_1", "MASTER", 51, PRIO_A, advert, version, VIP + "/24", "")));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, PRIO_B, advert, version, VIP + "/24", "")));
            Capture cap = topo.capture(CLIENT, "arp or ip proto 112", dir.resolve("client.pcap"));
            String ipA = topo.address(A).getHostAddress();
            String macA = topo.mac(A), macB = topo.mac(B);

            double started = now();
            Proc a = daemon.start(topo, A, confA, dir);
            Proc b = daemon.start(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", wait);
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", wait);
            pause(adv * 3);

            double killed = now();
            daemon.hardKill(a, dir, A);
            topo.linkDown(A);
            if (!topo.waitForAddress(B, VIP + "/24", true, wait)) {
                throw new AssertionError("B never took the VIP after kill -9");
            }
            pause(adv * 3);

            topo.linkUp(A);
            double restarted = now();
            Proc a2 = daemon.start(topo, A, confA, dir.resolve("restart"));
            if (!topo.waitForAddress(A, VIP + "/24", true, wait)
                    || !topo.waitForAddress(B, VIP + "/24", false, wait)) {
                throw new AssertionError("A did not preempt back");
            }
            pause(adv * 3);

            double termed = now();
            a2.signal("TERM");
            a2.waitFor(Duration.ofSeconds(15));
            topo.waitForAddress(B, VIP + "/24", true, wait);
            cap.stop();

            List<Wire.Advert> adverts = Wire.adverts(cap);
            List<Wire.Garp> garps = Wire.garps(cap, VIP);
            first(garps, macA, started).ifPresent(t -> out.add(new Sample("initial election (start → GARP)", daemon,
                    advert, (t - started) * 1000, Double.NaN)));
            // A's last advert is the last one before B's first: the kill races with A's timer, so
            // "before we sent the signal" would sometimes miss one
            String ipB = topo.address(B).getHostAddress();
            double takeover = firstAdvert(adverts, ipB, killed).orElseThrow();
            double lastA = adverts.stream().filter(x -> x.source().equals(ipA) && x.time() < takeover)
                    .mapToDouble(Wire.Advert::time).max().orElseThrow();
            firstAdvert(adverts, ipB, killed).ifPresent(t -> out.add(new Sample(
                    "kill -9 + link down (last advert → B's advert)", daemon, advert, (t - lastA) * 1000,
                    masterDown * 1000)));
            first(garps, macB, killed).ifPresent(t -> out.add(new Sample("kill -9 + link down (last advert → GARP)",
                    daemon, advert, (t - lastA) * 1000, masterDown * 1000)));
            first(garps, macA, restarted).ifPresent(t -> out.add(new Sample("restart, preempt (start → GARP)",
                    daemon, advert, (t - restarted) * 1000, Double.NaN)));
            OptionalDouble zero = adverts.stream().filter(x -> x.source().equals(ipA) && x.priority() == 0
                    && x.time() >= termed).mapToDouble(Wire.Advert::time).min();
            if (zero.isPresent()) {
                firstAdvert(adverts, ipB, zero.getAsDouble()).ifPresent(t -> out.add(new Sample(
                        "SIGTERM (priority 0 → B's advert)", daemon, advert, (t - zero.getAsDouble()) * 1000,
                        skewB * 1000)));
                first(garps, macB, zero.getAsDouble()).ifPresent(t -> out.add(new Sample(
                        "SIGTERM (priority 0 → GARP)", daemon, advert, (t - zero.getAsDouble()) * 1000, skewB * 1000)));
            }
        }
        return out;
    }

    private static void print(List<Sample> samples) {
        Map<String, List<Sample>> groups = new LinkedHashMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(s.advert() + "|" + s.scenario() + "|" + s.daemon(), k -> new ArrayList<>()).add(s);
        }
        System.out.printf("%-7s %-48s %-11s %10s %10s  %s%n", "advert", "scenario", "daemon", "median ms",
                "expect ms", "runs ms");
        for (List<Sample> g : groups.values()) {
            Sample s0 = g.get(0);
            double[] ms = g.stream().mapToDouble(Sample::ms).sorted().toArray();
            double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
            StringBuilder runs = new StringBuilder();
            for (double m : ms) {
                runs.append(String.format("%.1f ", m));
            }
            System.out.printf("%-7s %-48s %-11s %10.1f %10s  %s%n", s0.advert() + "s", s0.scenario(),
                    s0.daemon().name().toLowerCase(), median,
                    Double.isNaN(s0.expectedMs()) ? "-" : String.format("%.1f", s0.expectedMs()), runs.toString().trim());
        }
    }

    private static OptionalDouble first(List<Wire.Garp> garps, String mac, double after) {
        return garps.stream().filter(g -> g.mac().equalsIgnoreCase(mac) && g.time() >= after)
                .mapToDouble(Wire.Garp::time).min();
    }

    private static OptionalDouble firstAdvert(List<Wire.Advert> adverts, String source, double after) {
        return adverts.stream().filter(a -> a.source().equals(source) && a.priority() > 0 && a.time() >= after)
                .mapToDouble(Wire.Advert::time).min();
    }

    private static void pause(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
