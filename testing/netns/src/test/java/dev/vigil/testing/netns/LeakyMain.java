package dev.vigil.testing.netns;

import java.nio.file.Path;
import java.util.List;

/** Builds a topology, starts a process in it, prints the names and exits without close(). */
public final class LeakyMain {
    public static void main(String[] args) {
        Topology net = Topology.create(2);
        Proc sleeper = net.start(1, List.of("sleep", "60"), Path.of(args[0]));
        System.out.println(net.ns(1) + " " + net.ns(2) + " " + net.hubNs() + " " + sleeper.pid());
        System.out.flush();
        System.exit(0); // the shutdown hook must clean up
    }
}
