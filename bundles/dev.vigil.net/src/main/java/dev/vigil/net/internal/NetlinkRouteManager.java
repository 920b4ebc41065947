package dev.vigil.net.internal;

import java.io.IOException;
import java.net.InetAddress;

import org.osgi.service.component.annotations.Component;

import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;

/**
 * Routes and rules through rtnetlink, as {@code ip route add/del} and {@code ip rule add/del}
 * and keepalived do. Adds are CREATE|EXCL, so EEXIST means an identical entry was there already
 * (adopted); a delete that finds nothing (ESRCH for routes, ENOENT for rules) means it was gone.
 * Deletes carry the protocol (keepalived's 18 unless configured otherwise), so they never take
 * a route someone else installed for the same prefix. One socket per call, on the calling thread:
 * thread-safe, and acting in the caller's network namespace.
 */
@Component(service = RouteManager.class, immediate = true, name = "dev.vigil.net.routes")
public class NetlinkRouteManager implements RouteManager {

    private final LibC libc;
    private final OwnDeletions own;

    public NetlinkRouteManager() {
        this(LibC.get());
    }

    NetlinkRouteManager(LibC libc) {
        this(libc, OwnDeletions.SHARED);
    }

    NetlinkRouteManager(LibC libc, OwnDeletions own) {
        this.libc = libc;
        this.own = own;
    }

    @Override
    public boolean addRoute(VirtualRoute route) throws IOException {
        return send("add route " + route, RouteMessages.route(route, true, index(route.device())), Errno.EEXIST);
    }

    @Override
    public boolean removeRoute(VirtualRoute route) throws IOException {
        Integer index = route.device() == null ? null : RouteQueries.link(libc, route.device()).map(LinkState::index)
                .orElse(null);
        if (route.device() != null && index == null) {
            return false; // its device is gone, and the kernel took the route with it
        }
        return delete(route, "remove route " + route, RouteMessages.route(route, false, index), Rtnl.ESRCH);
    }

    @Override
    public boolean addRule(VirtualRule rule) throws IOException {
        return send("add rule " + rule, RouteMessages.rule(rule, true), Errno.EEXIST);
    }

    @Override
    public boolean removeRule(VirtualRule rule) throws IOException {
        return delete(rule, "remove rule " + rule, RouteMessages.rule(rule, false), Errno.ENOENT);
    }

    /** A delete, noted as Vigil's own first so that the deletion monitor does not report it. */
    private boolean delete(Object entry, String operation, NlRequest request, int gone) throws IOException {
        own.deleting(entry);
        boolean deleted = false;
        try {
            deleted = send(operation, request, gone);
            return deleted;
        } finally {
            if (!deleted) {
                own.notDeleted(entry);
            }
        }
    }

    /** Sends one request; false when the kernel answers {@code unchanged} (already there, already gone). */
    private boolean send(String operation, NlRequest request, int unchanged) throws IOException {
        try (NetlinkRoute nl = NetlinkRoute.open(libc, 0)) {
            nl.acknowledged(operation, request);
            return true;
        } catch (NativeException e) {
            if (e.errno() == unchanged) {
                return false;
            }
            throw e;
        }
    }

    private Integer index(String device) throws IOException {
        if (device == null) {
            return null;
        }
        return RouteQueries.link(libc, device).map(LinkState::index)
                .orElseThrow(() -> new NativeException("interface " + device, Errno.ENODEV, libc.strerror(Errno.ENODEV)));
    }

    static int family(InetAddress address) {
        return address.getAddress().length == 4 ? Linux.AF_INET : Linux.AF_INET6;
    }
}
