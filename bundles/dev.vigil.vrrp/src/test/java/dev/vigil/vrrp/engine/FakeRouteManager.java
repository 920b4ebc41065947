package dev.vigil.vrrp.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/** A routing table and rule list in memory; every call goes to the shared journal, in order. */
public final class FakeRouteManager implements RouteManager {

    private final Set<Object> present = new LinkedHashSet<>();
    private final List<String> journal;
    private boolean failing;

    public FakeRouteManager() {
        this(new ArrayList<>());
    }

    public FakeRouteManager(List<String> journal) {
        this.journal = journal;
    }

    /** Makes every call throw, as netlink does when it refuses. */
    public void failing(boolean fail) {
        failing = fail;
    }

    @Override
    public boolean addRoute(VirtualRoute route) throws IOException {
        return change("ADD ROUTE " + route, present.add(route));
    }

    @Override
    public boolean removeRoute(VirtualRoute route) throws IOException {
        return change("REMOVE ROUTE " + route, present.remove(route));
    }

    @Override
    public boolean addRule(VirtualRule rule) throws IOException {
        return change("ADD RULE " + rule, present.add(rule));
    }

    @Override
    public boolean removeRule(VirtualRule rule) throws IOException {
        return change("REMOVE RULE " + rule, present.remove(rule));
    }

    /** The routes and rules installed now, in the order they were added. */
    public Set<Object> held() {
        return Set.copyOf(present);
    }

    private boolean change(String what, boolean changed) throws IOException {
        journal.add(what);
        if (failing) {
            throw new IOException("RTNETLINK answers: Network is unreachable");
        }
        return changed;
    }
}
