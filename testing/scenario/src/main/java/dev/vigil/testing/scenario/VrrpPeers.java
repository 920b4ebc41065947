package dev.vigil.testing.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Proc;
import dev.vigil.testing.netns.Topology;

/** Starts VRRP daemons (Vigil, or the real keepalived as the interop peer) in a host namespace. */
public final class VrrpPeers {

    private VrrpPeers() {
    }

    public static Path workDir(String test) {
        Path dir = Path.of(System.getProperty("vigil.build.dir", "target"), "scenarios", test + "-" + System.nanoTime());
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One vrrp_instance block. */
    public record Instance(String name, String state, int vrid, int priority, String advertInt, int version,
            String vip, String extra) {
        public String text(String iface) {
            return """
                    vrrp_instance %s {
                        state %s
                        interface %s
                        virtual_router_id %d
                        priority %d
                        advert_int %s
                        version %d
                        virtual_ipaddress {
                            %s
                        }
                    %s
                    }
                    """.formatted(name, state, iface, vrid, priority, advertInt, version, vip, extra);
        }
    }

    public static Path writeConfig(Path dir, String file, String routerId, List<Instance> instances) {
        StringBuilder conf = new StringBuilder("global_defs {\n    router_id " + routerId + "\n}\n");
        for (Instance i : instances) {
            conf.append(i.text(Topology.IFACE));
        }
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(file), conf.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Proc startVigil(Topology topo, int host, Path conf, Path dir) {
        String launcher = System.getProperty("vigil.launcher", "../bin/vigil");
        Path state = dir.resolve("vigil-h" + host);
        List<String> cmd = new ArrayList<>(List.of(Path.of(launcher).toAbsolutePath().normalize().toString(),
                "-l", "-D", "-n", "-f", conf.toString(), "--state-dir", state.toString()));
        Proc p = topo.start(host, cmd, dir.resolve("vigil-h" + host + ".log"));
        return p;
    }

    public static boolean keepalivedInstalled() {
        return Netns.run(Duration.ofSeconds(5), "sh", "-c", "command -v keepalived").ok();
    }

    public static Proc startKeepalived(Topology topo, int host, Path conf, Path dir) {
        Path run = dir.resolve("keepalived-h" + host);
        try {
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = List.of("keepalived", "--dont-fork", "--log-console", "--log-detail", "--vrrp",
                "-f", conf.toString(),
                "--pid", run.resolve("keepalived.pid").toString(),
                "--vrrp_pid", run.resolve("vrrp.pid").toString());
        return topo.start(host, cmd, dir.resolve("keepalived-h" + host + ".log"));
    }

    /**
     * The PID of keepalived's VRRP child (the process that sends adverts), from its pid file; a
     * kill -9 must hit this one, the parent only supervises it.
     */
    public static long keepalivedVrrpPid(Path dir, int host) {
        Path pidFile = dir.resolve("keepalived-h" + host).resolve("vrrp.pid");
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no keepalived VRRP pid in " + pidFile, e);
        }
    }

    /** Waits for a log line, failing with the whole log when it never comes. */
    public static void awaitLog(Proc p, String text, Duration timeout) {
        if (!p.waitForLog(text, timeout)) {
            throw new AssertionError("no '" + text + "' within " + timeout + " in log of " + p + ":\n" + p.log());
        }
    }
}
