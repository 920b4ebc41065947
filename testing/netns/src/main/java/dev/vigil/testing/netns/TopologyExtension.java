package dev.vigil.testing.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for tests that act inside host namespaces: before each test a fresh
 * {@link Topology} and, for each of the first {@code entered} hosts, whatever {@code enter} makes
 * of its namespace file (a thread that entered it, say); after the test (and its own
 * {@code @AfterEach}) those are closed, then the topology. Skips with {@link Netns#SKIP_MESSAGE}
 * when not root.
 *
 * @param <H> what a test holds per entered host
 */
public final class TopologyExtension<H extends AutoCloseable> implements BeforeEachCallback, AfterEachCallback {

    /** Makes the per-host handle from the host's namespace file. */
    @FunctionalInterface
    public interface Enter<H> {
        H enter(Path namespaceFile) throws Exception;
    }

    private final int hosts;
    private final int entered;
    private final Enter<H> enter;
    private Topology net;
    private final List<H> handles = new ArrayList<>();

    public TopologyExtension(int hosts, int entered, Enter<H> enter) {
        if (entered < 0 || entered > hosts) {
            throw new IllegalArgumentException("entered must be 0.." + hosts + ", not " + entered);
        }
        this.hosts = hosts;
        this.entered = entered;
        this.enter = enter;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Netns.assumeRoot();
        net = Topology.create(hosts);
        for (int host = 1; host <= entered; host++) {
            handles.add(enter.enter(net.nsPath(host)));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (H handle : handles) {
                handle.close();
            }
        } finally {
            handles.clear();
            if (net != null) {
                net.close();
                net = null;
            }
        }
    }

    public Topology net() {
        return net;
    }

    /** The handle of host {@code host} (1-based). */
    public H host(int host) {
        return handles.get(host - 1);
    }
}
