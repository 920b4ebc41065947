package dev.vigil.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Result;

/**
 * {@code bin/vigil demo} end to end, as the README's first command runs it: the failover and the
 * preempt back are shown, and afterwards none of its namespaces and none of its processes are
 * left, whether it succeeded or not.
 */
class DemoTest {

    @BeforeAll
    static void root() {
        Netns.assumeRoot();
    }

    @Test
    void demoFailsOverPreemptsBackAndLeavesNothingBehind() {
        String launcher = Path.of(System.getProperty("vigil.launcher", "../bin/vigil")).toAbsolutePath().normalize().toString();
        Result r = Netns.run(Duration.ofSeconds(240), launcher, "demo");
        String out = r.stdout() + r.stderr();
        System.out.println(out);

        Matcher tag = Pattern.compile("Vigil demo in namespaces (vgdemo[0-9a-f]{4})-hub").matcher(out);
        assertThat(tag.find()).as("the demo names its namespaces:\n" + out).isTrue();
        Matcher work = Pattern.compile("logs kept in (\\S+)").matcher(out);
        assertThat(work.find()).as("the demo's cleanup ran:\n" + out).isTrue();

        // cleanup first: it must hold even when the demo failed
        List<String> leftNamespaces = Netns.list().stream().filter(ns -> ns.startsWith(tag.group(1))).toList();
        assertThat(leftNamespaces).as("namespaces left by the demo").isEmpty();
        List<String> leftProcesses = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(work.group(1))).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertThat(leftProcesses).as("processes left by the demo").isEmpty();
        assertThat(out).contains("demo: removed namespaces " + tag.group(1) + "-hub");

        // then what it showed
        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).as(out).isZero();
        assertThat(out).contains("r1 is MASTER").contains("client reaches 198.51.100.100 at r1")
                .contains("r2 is MASTER; client's ARP entry for 198.51.100.100 now points at r2")
                .contains("r1 preempted (100 > 99): VIP back on r1, client's ARP entry points at r1")
                .contains("(VI_WAN) Entering MASTER STATE");
        // the operator's view on r2 after the failover, through the control socket
        assertThat(out).containsPattern("VI_WAN +eth0 +51 +2 +MASTER +99/99");
        Matcher gap = Pattern.compile("client outage: ([0-9.]+)s").matcher(out);
        assertThat(gap.find()).isTrue();
        // kill -9 and link down: the backup takes over Master_Down_Interval (3.61 s) after r1's last
        // advert, which went out up to one advert interval (1 s) before the kill
        assertThat(Double.parseDouble(gap.group(1))).isBetween(2.5, 10.0);
    }
}
