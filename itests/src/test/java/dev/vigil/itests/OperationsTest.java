package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Result;
import dev.vigil.testing.netns.Topology;
import dev.vigil.testing.scenario.VrrpPeers;

/**
 * The operations surface against running daemons in namespaces: every {@code vrrp:} command
 * through {@code bin/vigil ctl} (text and JSON), the dump signals, the Prometheus endpoint on
 * loopback, {@code -d}, and maintenance handing the VIP over to the backup and back.
 */
class OperationsTest {

    private static final String VIP_CIDR = "198.51.100.100/24";
    private static final int A = 1, B = 2;
    private static final int METRICS_PORT = 9650;
    private static final Duration CTL = Duration.ofSeconds(30);

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    private static String launcher() {
        return Path.of(System.getProperty("vigil.launcher", "../bin/vigil")).toAbsolutePath().normalize().toString();
    }

    @Test
    void commandsDumpsMetricsAndMaintenanceOnRunningDaemons() throws Exception {
        Path dir = VrrpPeers.workDir("operations");
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        try (Topology topo = Topology.create(2)) {
            // A follows a TCP check of its own metrics endpoint on loopback: up, it adds 5 (105)
            Path confA = Files.writeString(dir.resolve("a.conf"), """
                    global_defs {
                        router_id router-a
                    }
                    vrrp_track_tcp chk_metrics {
                        connect_ip 127.0.0.1
                        connect_port %d
                        connect_timeout 1
                        interval 1
                        weight 5
                    }
                    """.formatted(METRICS_PORT) + new VrrpPeers.Instance("VI_1", "MASTER", 51, 100, "1", 2, VIP_CIDR,
                    "    track_script {\n        chk_metrics\n    }").text(Topology.IFACE));
            Path confB = VrrpPeers.writeConfig(dir, "b.conf", "router-b",
                    List.of(new VrrpPeers.Instance("VI_1", "BACKUP", 51, 99, "1", 2, VIP_CIDR, "")));
            Path stateA = dir.resolve("vigil-h" + A);
            Path stateB = dir.resolve("vigil-h" + B);
            // A as VrrpPeers.startVigil starts it, plus -d, the dump directory and the metrics port
            Proc a = topo.start(A, List.of("env", "VIGIL_JAVA_OPTS=-Dvigil.dump.dir=" + dumps
                    + " -Dvigil.metrics.port=" + METRICS_PORT, launcher(), "-l", "-D", "-n", "-d", "-f", confA.toString(),
                    "--state-dir", stateA.toString()), dir.resolve("vigil-h" + A + ".log"));
            Proc b = VrrpPeers.startVigil(topo, B, confB, dir);
            VrrpPeers.awaitLog(a, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            VrrpPeers.awaitLog(b, "(VI_1) Entering BACKUP STATE", Duration.ofSeconds(30));
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(3))).as("VIP on A").isTrue();
            VrrpPeers.awaitLog(a, "(VI_1) Changing effective priority from 100 to 105", Duration.ofSeconds(10));

            // -d: the configuration as the daemon holds it
            assertThat(a.log()).contains("------< Configuration vigil.instance~VI_1 >------")
                    .contains(" virtualRouterId = 51").contains(" priority = 100");

            // the control socket: in the state dir, owner only
            Path sock = stateA.resolve("vigil.sock");
            assertThat(Files.getPosixFilePermissions(sock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            // vrrp:list
            String list = ok(ctl(topo, A, stateA, "vrrp:list"));
            assertThat(list.lines().toList()).hasSize(2);
            assertThat(list).startsWith("Name").contains("Interface").contains("VRID");
            assertThat(list.lines().toList().get(1)).matches("VI_1 +eth0 +51 +2 +MASTER +105/100 +"
                    + topo.address(A).getHostAddress().replace(".", "\\.") + " +1");
            List<Object> listJson = OperationsJson.array(ok(ctl(topo, A, stateA, "vrrp:list", "--json")));
            assertThat(listJson).hasSize(1);
            assertThat(OperationsJson.at(listJson, 0, "name")).isEqualTo("VI_1");
            assertThat(OperationsJson.at(listJson, 0, "state")).isEqualTo("MASTER");
            assertThat(OperationsJson.at(listJson, 0, "vrid")).isEqualTo(51L);
            assertThat(OperationsJson.at(listJson, 0, "vipCount")).isEqualTo(1L);
            String listB = ok(ctl(topo, B, stateB, "vrrp:list"));
            assertThat(listB).contains("BACKUP").contains("99/99").contains(topo.address(A).getHostAddress());

            // vrrp:show
            String show = ok(ctl(topo, A, stateA, "vrrp:show", "VI_1"));
            assertThat(show).startsWith("Instance VI_1: interface eth0, VRID 51, VRRPv2")
                    .contains("State:              MASTER since")
                    .contains("Priority:           105 effective, 100 configured")
                    .contains("    +5  chk_metrics (tcp, weight 5): up - connected to 127.0.0.1:" + METRICS_PORT)
                    .contains("Master:             " + topo.address(A).getHostAddress() + " (this router)")
                    .contains("Timers:             advert 1.00 s, skew 0.590 s, master down 3.590 s")
                    .contains("198.51.100.100/24 dev eth0: on the interface")
                    .contains("sentAdvertisements").contains("BACKUP -> MASTER");
            Map<String, Object> showJson = OperationsJson.object(ok(ctl(topo, A, stateA, "vrrp:show", "--json", "VI_1")));
            assertThat(showJson.get("state")).isEqualTo("MASTER");
            assertThat(OperationsJson.at(showJson, "virtualAddresses", 0, "present")).isEqualTo(true);
            assertThat(OperationsJson.at(showJson, "timers", "masterDownMillis")).isEqualTo(3589.844);
            assertThat(OperationsJson.at(showJson, "trackers", 0, "name")).isEqualTo("chk_metrics");
            assertThat(OperationsJson.at(showJson, "trackers", 0, "delta")).isEqualTo(5L);
            assertThat((Long) OperationsJson.at(showJson, "counters", "sentAdvertisements")).isGreaterThanOrEqualTo(1L);
            assertThat(OperationsJson.at(showJson, "transitions")).asList().isNotEmpty();
            Map<String, Object> showB = OperationsJson.object(ok(ctl(topo, B, stateB, "vrrp:show", "--json", "VI_1")));
            assertThat(OperationsJson.at(showB, "virtualAddresses", 0, "present")).as("B does not hold the VIP").isEqualTo(false);
            Result missing = ctl(topo, A, stateA, "vrrp:show", "NOPE");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).contains("no VRRP instance named 'NOPE'; instances: VI_1");

            // vrrp:stats: B counts A's adverts
            assertThat(ok(ctl(topo, A, stateA, "vrrp:stats"))).startsWith("VI_1 (MASTER):").contains("rcvdAdvertisements");
            List<Object> statsB = OperationsJson.array(ok(ctl(topo, B, stateB, "vrrp:stats", "--json")));
            assertThat((Long) OperationsJson.at(statsB, 0, "counters", "rcvdAdvertisements")).isGreaterThanOrEqualTo(1L);

            // vrrp:track: the check, whom it moves, its changes; none on B
            assertThat(ok(ctl(topo, A, stateA, "vrrp:track"))).startsWith("chk_metrics (tcp): UP since ")
                    .contains("  VI_1: weight 5, adds 5\n").contains("  up  connected to 127.0.0.1:" + METRICS_PORT);
            List<Object> track = OperationsJson.array(ok(ctl(topo, A, stateA, "vrrp:track", "--json")));
            assertThat(track).hasSize(1);
            assertThat(OperationsJson.at(track, 0, "kind")).isEqualTo("tcp");
            assertThat(OperationsJson.at(track, 0, "up")).isEqualTo(true);
            assertThat(OperationsJson.at(track, 0, "instances", 0, "instance")).isEqualTo("VI_1");
            assertThat(OperationsJson.at(track, 0, "instances", 0, "delta")).isEqualTo(5L);
            assertThat(OperationsJson.at(track, 0, "history")).asList().isNotEmpty();
            assertThat(ok(ctl(topo, B, stateB, "vrrp:track"))).isEqualTo("No trackers.\n");
            assertThat(OperationsJson.array(ok(ctl(topo, B, stateB, "vrrp:track", "--json")))).isEmpty();
            // vrrp:notify: no notifiers yet; A's metrics count transitions as a listener
            assertThat(ok(ctl(topo, A, stateA, "vrrp:notify"))).startsWith("Notifiers: none configured");
            Map<String, Object> notify = OperationsJson.object(ok(ctl(topo, A, stateA, "vrrp:notify", "--json")));
            assertThat(notify.get("notifiers")).asList().isEmpty();
            assertThat(OperationsJson.at(notify, "listeners", 0, "bundle")).isEqualTo("dev.vigil.shell");

            // vrrp:reload: a valid file applies, nothing changed
            assertThat(ok(ctl(topo, A, stateA, "vrrp:reload"))).isEqualTo("reloaded " + confA.toRealPath() + "\n");
            // a broken file: status 1, nothing changes
            String good = Files.readString(confA);
            Files.writeString(confA, good.replace("virtual_router_id 51", "virtual_router_id 999"));
            Result broken = ctl(topo, A, stateA, "vrrp:reload");
            assertThat(broken.exitCode()).as(broken.describe()).isEqualTo(1);
            assertThat(broken.stderr()).contains("has errors: nothing changed");
            Files.writeString(confA, good);
            assertThat(ok(ctl(topo, A, stateA, "vrrp:list"))).contains("VI_1").contains("MASTER");

            // the dump signals
            dumps(topo, a, dumps);

            // metrics on loopback inside A's namespace
            Map<String, Double> metrics = scrape(topo, A);
            assertThat(metrics).containsEntry("vigil_vrrp_state{state=\"MASTER\",vrrp_instance=\"VI_1\"}", 1.0)
                    .containsEntry("vigil_vrrp_state{state=\"BACKUP\",vrrp_instance=\"VI_1\"}", 0.0)
                    .containsEntry("vigil_vrrp_priority_effective{vrrp_instance=\"VI_1\"}", 105.0)
                    .containsEntry("vigil_vrrp_tracker_up{kind=\"tcp\",tracker=\"chk_metrics\",vrrp_instance=\"VI_1\"}", 1.0)
                    .containsEntry("vigil_vrrp_tracker_priority_delta{kind=\"tcp\",tracker=\"chk_metrics\",vrrp_instance=\"VI_1\"}", 5.0)
                    .containsEntry("vigil_vrrp_priority_base{vrrp_instance=\"VI_1\"}", 100.0)
                    .containsEntry("vigil_vrrp_transitions_total{from=\"BACKUP\",to=\"MASTER\",vrrp_instance=\"VI_1\"}", 1.0)
                    .containsKey("vigil_vrrp_rcvd_advertisements_total{vrrp_instance=\"VI_1\"}")
                    .containsKey("vigil_vrrp_checksum_errors_total{vrrp_instance=\"VI_1\"}")
                    .containsEntry("vigil_vrrp_virtual_address_present{address=\"198.51.100.100/24\",device=\"eth0\",vrrp_instance=\"VI_1\"}", 1.0);
            assertThat(metrics.get("vigil_vrrp_sent_advertisements_total{vrrp_instance=\"VI_1\"}")).isGreaterThanOrEqualTo(1.0);
            assertThat(topo.exec(B, Duration.ofSeconds(10), "bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/" + METRICS_PORT).ok()).as("metrics are off unless configured").isFalse();

            // maintenance: A resigns, B takes over; off: A preempts back (105 > 99)
            String on = ok(ctl(topo, A, stateA, "vrrp:maintenance", "VI_1", "on"));
            assertThat(on).startsWith("VI_1: maintenance on (was MASTER)");
            assertThat(topo.waitForAddress(B, VIP_CIDR, true, Duration.ofSeconds(5))).as("VIP on B").isTrue();
            VrrpPeers.awaitLog(b, "(VI_1) Entering MASTER STATE", Duration.ofSeconds(2));
            assertThat(b.log()).contains("(VI_1) Backup received priority 0 advertisement");
            assertThat(topo.waitForAddress(A, VIP_CIDR, false, Duration.ofSeconds(3))).as("A released").isTrue();
            assertThat(ok(ctl(topo, A, stateA, "vrrp:list"))).contains("FAULT (maint)");
            Map<String, Object> maint = OperationsJson.object(ok(ctl(topo, A, stateA, "vrrp:show", "--json", "VI_1")));
            assertThat(maint.get("maintenance")).isEqualTo(true);
            assertThat(maint.get("faultReasons")).asList().containsExactly("maintenance");
            Map<String, Object> off = OperationsJson.object(ok(ctl(topo, A, stateA, "vrrp:maintenance", "--json", "VI_1", "off")));
            assertThat(off.get("maintenance")).isEqualTo(false);
            assertThat(off.get("previousMaintenance")).isEqualTo(true);
            assertThat(topo.waitForAddress(A, VIP_CIDR, true, Duration.ofSeconds(10))).as("A preempted back").isTrue();
            assertThat(topo.waitForAddress(B, VIP_CIDR, false, Duration.ofSeconds(3))).as("B released").isTrue();
            assertThat(ok(ctl(topo, A, stateA, "vrrp:list"))).contains("MASTER").doesNotContain("maint");
            Result bad = ctl(topo, A, stateA, "vrrp:maintenance", "VI_1", "maybe");
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.stderr()).contains("on or off");

            // other Gogo commands work too; a session without a command reads lines from stdin
            assertThat(ok(ctl(topo, A, stateA, "help"))).contains("vrrp:list").contains("vrrp:maintenance");
            Result session = topo.exec(A, CTL, "bash", "-c", "printf 'vrrp:list\\nexit\\n' | " + launcher()
                    + " ctl --state-dir " + stateA);
            assertThat(session.stdout()).contains("Vigil control session").contains("VI_1").contains("MASTER");
            // no daemon there
            Result none = topo.exec(A, CTL, launcher(), "ctl", "--state-dir", dir.resolve("nothing").toString(), "vrrp:list");
            assertThat(none.exitCode()).isEqualTo(3);
            assertThat(none.stderr()).contains("no control socket");

            // SIGTERM: the socket goes with the daemon
            a.signal("TERM");
            assertThat(a.waitFor(Duration.ofSeconds(15))).isTrue();
            assertThat(sock).doesNotExist();
            assertThat(a.log()).doesNotContain("Exception");
        }
    }

    private static void dumps(Topology topo, Proc a, Path dumps) throws IOException, InterruptedException {
        Result signum = Netns.run(Duration.ofSeconds(10), launcher(), "--signum=JSON");
        assertThat(signum.stdout().strip()).isEqualTo(Netns.run(Duration.ofSeconds(5), "bash", "-c", "kill -l RTMIN+2")
                .stdout().strip());
        assertThat(Netns.run(Duration.ofSeconds(10), launcher(), "--signum=DATA").stdout().strip()).isEqualTo("10");
        assertThat(Netns.run(Duration.ofSeconds(10), launcher(), "--signum=STATS").stdout().strip()).isEqualTo("12");
        a.signal("USR1");
        a.signal("USR2");
        a.signal(signum.stdout().strip());
        Path data = dumps.resolve("keepalived.data");
        Path stats = dumps.resolve("keepalived.stats");
        Path json = dumps.resolve("keepalived.json");
        for (int i = 0; i < 100 && !(Files.exists(data) && Files.exists(stats) && Files.exists(json)); i++) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(data)).startsWith("Vigil data dump").contains("Instance VI_1: interface eth0")
                .contains("MASTER since").contains("198.51.100.100/24 dev eth0: on the interface");
        assertThat(Files.readString(stats)).startsWith("Vigil stats dump").contains("VI_1 (MASTER):")
                .contains("sentAdvertisements");
        Map<String, Object> doc = OperationsJson.object(Files.readString(json));
        assertThat(OperationsJson.at(doc, "pid")).isEqualTo(a.pid());
        assertThat(OperationsJson.at(doc, "instances", 0, "name")).isEqualTo("VI_1");
        assertThat(OperationsJson.at(doc, "instances", 0, "state")).isEqualTo("MASTER");
        assertThat(a.alive()).as("the JSON signal did not kill the daemon").isTrue();
    }

    /** GET /metrics over loopback in the host's namespace (bash's /dev/tcp), parsed into series → value. */
    private static Map<String, Double> scrape(Topology topo, int host) {
        Result r = topo.exec(host, Duration.ofSeconds(10), "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + METRICS_PORT
                + " && printf 'GET /metrics HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3");
        assertThat(r.ok()).as(r.describe()).isTrue();
        String[] parts = r.stdout().split("\r\n\r\n", 2);
        assertThat(parts[0]).startsWith("HTTP/1.1 200 OK").contains("Content-Type: text/plain; version=0.0.4");
        Map<String, Double> series = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String line : parts[1].split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (RuntimeException e) {
                bad.add(line);
            }
        }
        assertThat(bad).as("unparsable metric lines").isEmpty();
        return series;
    }

    private static Result ctl(Topology topo, int host, Path state, String... command) {
        List<String> cmd = new ArrayList<>(List.of(launcher(), "ctl", "--state-dir", state.toString()));
        cmd.addAll(List.of(command));
        return topo.exec(host, CTL, cmd.toArray(String[]::new));
    }

    private static String ok(Result r) {
        assertThat(r.ok()).as(r.describe()).isTrue();
        return r.stdout();
    }
}
