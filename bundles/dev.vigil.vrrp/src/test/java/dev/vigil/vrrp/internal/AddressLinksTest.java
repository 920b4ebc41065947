package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.LinkWatch;

/** An instance without interface is FAULT while an interface of its addresses is down. */
class AddressLinksTest {

    private final Map<String, Consumer<Boolean>> listeners = new HashMap<>();
    private final Map<String, Boolean> baseline = new HashMap<>(Map.of("eth0", true, "eth1", true));
    private final List<String> reasons = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private final LinkMonitor links = (name, listener) -> {
        if (!baseline.containsKey(name)) {
            throw new IOException("no such interface");
        }
        listeners.put(name, listener);
        return new LinkWatch() {
            @Override public String interfaceName() { return name; }
            @Override public boolean up() { return baseline.get(name); }
            @Override public void close() { listeners.remove(name); }
        };
    };

    private AddressLinks watch(List<String> devices) {
        return AddressLinks.watch(links, devices, Runnable::run, reasons::add, warnings::add);
    }

    @Test
    void allUpReportsNoFaultThenEachDownAndUpIsReported() {
        watch(List.of("eth0", "eth1", "eth0"));
        assertThat(reasons).containsExactly((String) null);

        listeners.get("eth1").accept(false);
        listeners.get("eth0").accept(false);
        listeners.get("eth1").accept(true);
        listeners.get("eth0").accept(true);

        assertThat(reasons).containsExactly(null, "interface eth1 down", "interface eth0, eth1 down",
                "interface eth0 down", null);
    }

    @Test
    void aLinkDownAtTheStartIsAFaultAndAnUnknownInterfaceOnlyAWarning() {
        baseline.put("eth1", false);
        watch(List.of("eth1", "eth9"));

        assertThat(reasons).containsExactly("interface eth1 down");
        assertThat(warnings).containsExactly("cannot watch the link state of eth9: no such interface");
    }

    @Test
    void afterCloseNothingIsReported() {
        AddressLinks watched = watch(List.of("eth0"));
        Consumer<Boolean> late = listeners.get("eth0");
        watched.close();
        late.accept(false);

        assertThat(reasons).containsExactly((String) null);
        assertThat(listeners).isEmpty();
    }
}
