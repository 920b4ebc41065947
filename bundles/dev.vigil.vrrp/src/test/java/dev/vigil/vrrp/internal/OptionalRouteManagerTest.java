package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.vrrp.engine.FakeRouteManager;

class OptionalRouteManagerTest {

    @Test
    void withoutADataPlaneRouteManagerEachRouteFailsWithTheReason() throws Exception {
        VirtualRoute route = VirtualRoute.parse("198.51.100.0/24 via 203.0.113.1");
        OptionalRouteManager none = new OptionalRouteManager();

        assertThatThrownBy(() -> none.addRoute(route)).isInstanceOf(IOException.class)
                .hasMessage("add route " + route + ": no RouteManager service (the data plane has no routes or rules)");
    }

    @Test
    void withOneEveryCallGoesThrough() throws Exception {
        List<String> journal = new ArrayList<>();
        OptionalRouteManager some = new OptionalRouteManager(new FakeRouteManager(journal));
        VirtualRoute route = VirtualRoute.parse("198.51.100.0/24 via 203.0.113.1");

        assertThat(some.addRoute(route)).isTrue();
        assertThat(some.removeRoute(route)).isTrue();
        assertThat(journal).containsExactly("ADD ROUTE " + route, "REMOVE ROUTE " + route);
    }
}
