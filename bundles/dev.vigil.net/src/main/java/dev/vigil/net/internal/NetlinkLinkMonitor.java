package dev.vigil.net.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.NativeException;
import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.LinkWatch;

/**
 * Link changes from the kernel's RTMGRP_LINK multicast group. Each watch has its own netlink
 * subscription and thread ("vigil-link-IFNAME"), created on the caller's thread and so in the
 * caller's network namespace. The baseline is read after the subscription is live, so no change
 * falls between the two; after a socket overrun (ENOBUFS) the state is read again.
 */
@Component(service = LinkMonitor.class, immediate = true, name = "dev.vigil.net.link")
public class NetlinkLinkMonitor implements LinkMonitor {

    static final int POLL_MILLIS = 200;

    private final LibC libc;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Logger logger;

    public NetlinkLinkMonitor() {
        this(LibC.get());
    }

    NetlinkLinkMonitor(LibC libc) {
        this.libc = libc;
    }

    @Override
    public LinkWatch watch(String interfaceName, Consumer<Boolean> upListener) throws IOException {
        NetlinkRoute subscription = NetlinkRoute.open(libc, Rtnl.RTMGRP_LINK);
        Watch w = new Watch(interfaceName, upListener, subscription);
        watches.add(w);
        w.thread.start();
        try {
            w.baseline(readState(interfaceName));
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    @Deactivate
    void deactivate() {
        for (Watch w : Set.copyOf(watches)) {
            w.close();
        }
    }

    Set<Watch> watches() {
        return Set.copyOf(watches);
    }

    private boolean readState(String interfaceName) throws IOException {
        return RouteQueries.link(libc, interfaceName).map(LinkState::up).orElse(false);
    }

    private void warn(String message) {
        Logger l = logger;
        if (l != null) {
            l.warn(message);
        } else {
            System.err.println("vigil net: " + message);
        }
    }

    final class Watch implements LinkWatch {
        private final String name;
        private final Consumer<Boolean> listener;
        private final NetlinkRoute subscription;
        final Thread thread;
        private volatile boolean closed;
        private Boolean state; // guarded by this; null until the baseline or first event

        Watch(String name, Consumer<Boolean> listener, NetlinkRoute subscription) {
            this.name = name;
            this.listener = listener;
            this.subscription = subscription;
            this.thread = new Thread(this::run, "vigil-link-" + name);
            this.thread.setDaemon(true);
        }

        @Override
        public String interfaceName() {
            return name;
        }

        @Override
        public synchronized boolean up() {
            return state != null && state;
        }

        synchronized void baseline(boolean up) {
            if (state == null) {
                state = up;
            }
        }

        private void observed(boolean up) {
            boolean changed;
            synchronized (this) {
                changed = state != null && state != up;
                state = up;
            }
            if (changed && !closed) {
                try {
                    listener.accept(up);
                } catch (RuntimeException e) {
                    warn("link listener for " + name + " threw " + e);
                }
            }
        }

        private void run() {
            try {
                while (!closed) {
                    try {
                        for (NlMessage m : subscription.poll(POLL_MILLIS)) {
                            if (m.type() == Rtnl.RTM_NEWLINK || m.type() == Rtnl.RTM_DELLINK) {
                                LinkState link = LinkState.parse(m);
                                if (name.equals(link.name())) {
                                    observed(m.type() == Rtnl.RTM_NEWLINK && link.up());
                                }
                            }
                        }
                    } catch (NativeException e) {
                        if (e.errno() != Errno.ENOBUFS) {
                            throw e;
                        }
                        observed(readState(name)); // events were lost: read the truth again
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    warn("link monitor for " + name + " stopped: " + e.getMessage());
                }
            } finally {
                subscription.close();
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            watches.remove(this);
            WatchThreads.awaitEnd(thread);
        }

        @Override
        public String toString() {
            return "link watch " + name;
        }
    }
}
