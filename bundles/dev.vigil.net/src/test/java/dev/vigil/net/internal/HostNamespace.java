package dev.vigil.net.internal;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.vigil.libc.NetnsThread;
import dev.vigil.testing.netns.Netns;
import dev.vigil.testing.netns.Topology;

/**
 * JUnit extension for the netlink tests: before each test a fresh {@link Topology} and a thread
 * inside host 1's namespace (the calls under test run there); after it (and after the test's own
 * {@code @AfterEach}) both are closed. Skips with {@link Netns#SKIP_MESSAGE} when not root.
 */
final class HostNamespace implements BeforeEachCallback, AfterEachCallback {

    private final int hosts;
    private Topology net;
    private NetnsThread thread;

    HostNamespace(int hosts) {
        this.hosts = hosts;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Netns.assumeRoot();
        net = Topology.create(hosts);
        thread = NetnsThread.enter(net.nsPath(1));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (thread != null) {
            thread.close();
            thread = null;
        }
        if (net != null) {
            net.close();
            net = null;
        }
    }

    Topology net() {
        return net;
    }

    /** A thread in host 1's namespace. */
    NetnsThread host1() {
        return thread;
    }
}
