package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Result;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * keepalived's events that change no state, between two real daemons. Router H (host 1,
 * priority 150) is MASTER; router L (host 2, priority 100) stops hearing it (an nft rule in L's
 * namespace drops incoming VRRP: a one-way partition) and becomes MASTER too. H hears L's lower
 * priority adverts: each one runs H's notify_master_rx_lower_pri script, with no argument, and
 * writes a MASTER_RX_LOWER_PRI line to H's vrrp_notify_fifo. A track_file then lowers H's
 * priority to 140: with notify_priority_changes the FIFO gets MASTER_PRIORITY 140.
 */
class NotifyEventsScenarioTest {

    private static final int H = 1, L = 2;
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final String LOWER_ADVERT = "(VI_1) Received advert from ";

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Netns.run(Duration.ofSeconds(5), "sh", "-c", "command -v nft").ok(),
                "nft (nftables) is not installed (.ci/run installs it): skipped");
    }

    @Test
    void aMasterHearingALowerPriorityMasterRunsItsScriptAndTellsTheFifo() throws Exception {
        Path dir = VrrpPeers.workDir("notify-events");
        Path ran = dir.resolve("rx-lower-runs");
        Path fifoLines = dir.resolve("fifo-lines");
        Path flip = Files.writeString(dir.resolve("flip"), "0\n");
        Path lower = script(dir, "rx-lower.sh", "echo \"rx-lower $#\" >> " + ran);
        Path reader = script(dir, "fifo-reader.sh",
                "for i in $(seq 1200); do cat \"$1\" >> " + fifoLines + "; sleep 0.1; done");
        Path confH = Files.writeString(dir.resolve("h.conf"), """
                global_defs {
                    router_id router-h
                    vrrp_notify_fifo %s
                    vrrp_notify_fifo_script %s
                }
                track_file flip {
                    file %s
                    weight -10
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 0.2
                    version 3
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    track_file {
                        flip
                    }
                    notify_master_rx_lower_pri %s
                    notify_priority_changes
                }
                """.formatted(dir.resolve("h.fifo"), reader, flip, lower));
        Path confL = VrrpPeers.writeConfig(dir, "l.conf", "router-l", List.of(
                new VrrpPeers.Instance("VI_1", "BACKUP", 51, 100, "0.2", 3, "198.51.100.100/24", "")));
        try (Topology topo = Topology.create(2)) {
            Proc h = VrrpPeers.startVigil(topo, H, confH, dir);
            VrrpPeers.awaitLog(h, "(VI_1) Entering MASTER STATE", START);
            dropIncomingVrrp(topo, L);
            Proc l = VrrpPeers.startVigil(topo, L, confL, dir);
            VrrpPeers.awaitLog(l, "(VI_1) Entering MASTER STATE", START);

            await(() -> lines(ran).size() >= 3, "three rx-lower script runs", h);
            Files.writeString(flip, "1\n");
            await(() -> lines(fifoLines).contains("INSTANCE \"VI_1\" MASTER_PRIORITY 140"), "MASTER_PRIORITY 140", h);
            await(() -> lines(fifoLines).contains("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 140"),
                    "a lower priority advert heard at 140", h);

            // L resigns with a priority 0 advert, which is no lower priority advert
            l.signal("TERM");
            assertThat(l.waitFor(Duration.ofSeconds(30))).as(l.log()).isTrue();
            // every advert H logged has had its script run (both counts are final once L is gone)
            await(() -> lines(ran).size() == lowerAdverts(h), "one rx-lower script run per lower advert", h);
            int heard = lowerAdverts(h);

            // one script run and one FIFO line per lower priority advert H logged, the script without arguments
            assertThat(lines(ran)).hasSize(heard).containsOnly("rx-lower 0");
            List<String> rxLines = lines(fifoLines).stream().filter(s -> s.contains("MASTER_RX_LOWER_PRI")).toList();
            assertThat(rxLines).hasSize(heard)
                    .allMatch(s -> s.equals("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150")
                            || s.equals("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 140"));
            assertThat(lines(fifoLines)).startsWith("INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150")
                    .containsOnlyOnce("INSTANCE \"VI_1\" MASTER_PRIORITY 140");
            assertThat(h.log()).doesNotContain("not implemented");
        } finally {
            System.out.println("notify events scenario files: " + dir);
        }
    }

    /** A one-way partition: the host stops hearing VRRP; what it sends still goes out. */
    private static void dropIncomingVrrp(Topology topo, int host) {
        for (String rule : List.of("add table inet vigil_partition",
                "add chain inet vigil_partition in { type filter hook input priority 0 ; }",
                "add rule inet vigil_partition in ip protocol 112 drop")) {
            Result r = topo.exec(host, Duration.ofSeconds(10), "sh", "-c", "nft '" + rule + "'");
            assertThat(r.ok()).as(r.describe()).isTrue();
        }
    }

    private static void await(BooleanSupplier condition, String what, Proc p) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + STEP + "; log:\n" + p.log());
            }
            Thread.sleep(20);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lower priority adverts H logged ("Received advert from ... with lower priority 100, ours ..."). */
    private static int lowerAdverts(Proc h) {
        return (int) h.log().lines().filter(line -> line.contains(LOWER_ADVERT)
                && line.contains("with lower priority 100")).count();
    }

    private static Path script(Path dir, String name, String body) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
