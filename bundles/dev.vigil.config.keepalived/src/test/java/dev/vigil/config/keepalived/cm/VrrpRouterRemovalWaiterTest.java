package dev.vigil.config.keepalived.cm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

class VrrpRouterRemovalWaiterTest {

    private final List<String> filters = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** A registry in which the router is still registered for the first {@code lookups} lookups. */
    private BundleContext registryWhereTheRouterStaysFor(int lookups) {
        ServiceReference<?> router = (ServiceReference<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> null);
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, method, args) -> {
                    if (!method.getName().equals("getServiceReferences")) {
                        return null;
                    }
                    filters.add((String) args[1]);
                    return filters.size() <= lookups ? new ServiceReference<?>[] {router} : null;
                });
    }

    @Test
    void returnsOnceTheRouterIsGone() {
        new VrrpRouterRemovalWaiter(registryWhereTheRouterStaysFor(2), Duration.ofSeconds(3), warnings::add)
                .awaitRemoved(List.of("VI_1"));

        assertThat(filters).hasSize(3)
                .allMatch(f -> f.equals("(&(objectClass=dev.vigil.api.VrrpRouter)(vigil.instance=VI_1))"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void givesUpAfterTheBoundAndSaysWhichRoutersAreStillThere() {
        new VrrpRouterRemovalWaiter(registryWhereTheRouterStaysFor(Integer.MAX_VALUE), Duration.ofMillis(100),
                warnings::add).awaitRemoved(List.of("VI_1"));

        assertThat(filters).hasSize(3); // the first look and one per 50 ms poll of the 100 ms bound
        assertThat(warnings).containsExactly("the router of removed vrrp_instance(s) VI_1 did not stop within 100 ms; "
                + "their notifiers are reconfigured anyway");
    }

    @Test
    void filterSpecialCharactersInANameAreEscaped() {
        assertThat(VrrpRouterRemovalWaiter.escape("a*(b)\\c")).isEqualTo("a\\*\\(b\\)\\\\c");
    }
}
