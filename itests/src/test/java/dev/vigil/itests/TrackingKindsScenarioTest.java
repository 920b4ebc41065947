package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * Every tracker kind of the core through the real daemon and its keepalived.conf: a
 * vrrp_track_process (a stand-in process), a track_file, a track_interface (a veth link), a
 * plugin kind whose bundle is not deployed, and one vrrp_script with weight 0 shared by two
 * instances (run once per interval, FAULT for both when it fails).
 */
class TrackingKindsScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void processFileInterfaceMissingKindAndSharedScriptMoveThePriority() throws Exception {
        Path dir = VrrpPeers.workDir("tracking-kinds");
        String name = "vgl" + UUID.randomUUID().toString().substring(0, 8);
        Path standIn = dir.resolve(name);
        Files.copy(Files.exists(Path.of("/usr/bin/sleep")) ? Path.of("/usr/bin/sleep") : Path.of("/bin/sleep"), standIn);
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path prio = Files.writeString(dir.resolve("prio"), "2\n");
        Path flag = Files.writeString(dir.resolve("healthy"), "");
        Path runs = dir.resolve("runs");
        Path check = Files.writeString(dir.resolve("check.sh"), "#!/bin/sh\necho run >> " + runs + "\n[ -e " + flag
                + " ]\n");
        Files.setPosixFilePermissions(check, PosixFilePermissions.fromString("rwxr-xr-x"));
        String conf = """
                global_defs {
                    router_id kinds
                }
                vrrp_track_process chk_proc {
                    process %s
                    weight -10
                }
                track_file chk_file {
                    file %s
                    weight 3
                }
                vrrp_track_plugin chk_missing {
                    kind nosuchkind
                    interval 1
                    weight -20
                }
                vrrp_script chk_shared {
                    script "%s"
                    interval 1
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        198.51.100.100/24
                    }
                    track_process {
                        chk_proc
                    }
                    track_file {
                        chk_file
                    }
                    track_script {
                        chk_missing
                        chk_shared
                    }
                    track_interface {
                        trk0 weight -7
                    }
                }
                vrrp_instance VI_2 {
                    state MASTER
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        198.51.100.101/24
                    }
                    track_script {
                        chk_shared
                    }
                }
                """.formatted(name, prio, check);
        Path confFile = Files.writeString(dir.resolve("kinds.conf"), conf);
        try (Topology topo = Topology.create(1)) {
            // a veth pair inside the namespace (the dummy module may be missing): trk0 is up while both ends are
            assertThat(topo.exec(1, Duration.ofSeconds(5), "ip", "link", "add", "trk0", "type", "veth", "peer", "name",
                    "trk1").ok()).isTrue();
            assertThat(topo.exec(1, Duration.ofSeconds(5), "ip", "link", "set", "trk1", "up").ok()).isTrue();
            assertThat(topo.exec(1, Duration.ofSeconds(5), "ip", "link", "set", "trk0", "up").ok()).isTrue();
            Proc proc = topo.start(1, List.of(standIn.toString(), "1000"), dir.resolve("standin.log"));

            Proc v = VrrpPeers.startVigil(topo, 1, confFile, dir);
            // file 2 x 3 = +6; the process and trk0 are up (negative weights: nothing); the
            // plugin tracker waits out its grace, then counts as failed: -20
            VrrpPeers.awaitLog(v, "(VI_1) Changing effective priority from 100 to 106", WAIT);
            VrrpPeers.awaitLog(v, "(VI_1) tracker chk_missing (kind nosuchkind) is not available: "
                    + "treated as failed until its bundle is deployed", WAIT);
            VrrpPeers.awaitLog(v, "(VI_1) Changing effective priority from 106 to 86", WAIT);
            VrrpPeers.awaitLog(v, "(VI_1) Entering MASTER STATE", WAIT);
            VrrpPeers.awaitLog(v, "(VI_2) Entering MASTER STATE", WAIT);

            Files.writeString(prio, "5\n");
            VrrpPeers.awaitLog(v, "(VI_1) Changing effective priority from 86 to 95", WAIT);

            proc.signal("KILL");
            assertThat(proc.waitFor(Duration.ofSeconds(5))).isTrue();
            VrrpPeers.awaitLog(v, "Quorum lost for tracked process chk_proc", WAIT);
            VrrpPeers.awaitLog(v, "(VI_1) Changing effective priority from 95 to 85", WAIT);

            assertThat(topo.exec(1, Duration.ofSeconds(5), "ip", "link", "set", "trk0", "down").ok()).isTrue();
            VrrpPeers.awaitLog(v, "(VI_1) Changing effective priority from 85 to 78", WAIT);

            // the shared weight-0 script fails: both instances go to FAULT and release their VIPs
            long before = lines(runs);
            Thread.sleep(4000);
            assertThat(lines(runs) - before).as("about 4 runs in 4 s for two instances (8 if each ran it)")
                    .isBetween(2L, 6L);
            Files.delete(flag);
            VrrpPeers.awaitLog(v, "VRRP_Script(chk_shared) failed (exited with status 1)", WAIT);
            VrrpPeers.awaitLog(v, "(VI_1) Entering FAULT STATE", WAIT);
            VrrpPeers.awaitLog(v, "(VI_2) Entering FAULT STATE", WAIT);
            assertThat(topo.waitForAddress(1, "198.51.100.100/24", false, Duration.ofSeconds(5))).isTrue();
            assertThat(topo.waitForAddress(1, "198.51.100.101/24", false, Duration.ofSeconds(5))).isTrue();
            Files.writeString(flag, "");
            VrrpPeers.awaitLog(v, "VRRP_Script(chk_shared) succeeded", WAIT);
            assertThat(topo.waitForAddress(1, "198.51.100.101/24", true, WAIT)).as("VI_2 back").isTrue();
            assertThat(v.log()).doesNotContain("Exception");
        }
    }

    private static long lines(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readAllLines(p).size() : 0;
    }
}
