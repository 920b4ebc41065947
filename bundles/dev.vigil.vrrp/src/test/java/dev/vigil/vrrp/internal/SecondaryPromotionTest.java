package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.InterfaceParameters;
import dev.vigil.testing.osgi.TypedConfigs;

class SecondaryPromotionTest {

    private final List<String> calls = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final SecondaryPromotion promotion = new SecondaryPromotion(new InterfaceParameters() {
        @Override
        public void holdPromoteSecondaries(String interfaceName, String holder) throws IOException {
            if (interfaceName.equals("gone0")) {
                throw new IOException("net.ipv4.conf.gone0.promote_secondaries not found");
            }
            calls.add("hold " + interfaceName + " " + holder);
        }

        @Override
        public void releasePromoteSecondaries(String interfaceName, String holder) {
            calls.add("release " + interfaceName + " " + holder);
        }
    }, warnings::add);

    private static InstanceConfig config(String name, String ifname, boolean promote) {
        Map<String, Object> p = new HashMap<>(Map.of("name", name, "interfaceName", ifname, "virtualRouterId", 51));
        if (promote) {
            p.put("promoteSecondaries", true);
        }
        return TypedConfigs.of(InstanceConfig.class, p);
    }

    @Test
    void heldOnceWhileConfiguredAndLetGoWhenNotAnyMore() {
        promotion.apply(config("VI_1", "eth0", true));
        promotion.apply(config("VI_1", "eth0", true));
        promotion.apply(config("VI_1", "eth0", false));
        promotion.release();

        assertThat(calls).containsExactly("hold eth0 VI_1", "release eth0 VI_1");
    }

    @Test
    void anotherInterfaceOrNameMovesIt() {
        promotion.apply(config("VI_1", "eth0", true));
        promotion.apply(config("VI_1", "eth1", true));
        promotion.apply(config("VI_9", "eth1", true));
        promotion.release();

        assertThat(calls).containsExactly("hold eth0 VI_1", "release eth0 VI_1", "hold eth1 VI_1", "release eth1 VI_1",
                "hold eth1 VI_9", "release eth1 VI_9");
    }

    @Test
    void withoutTheKeywordNothingIsTouched() {
        promotion.apply(config("VI_1", "eth0", false));
        promotion.release();

        assertThat(calls).isEmpty();
    }

    @Test
    void aFailureIsAWarningAndTheNextApplyTriesAgain() {
        promotion.apply(config("VI_1", "gone0", true));
        promotion.release();

        assertThat(calls).isEmpty();
        assertThat(warnings).containsExactly("(VI_1) cannot set promote_secondaries on gone0: "
                + "net.ipv4.conf.gone0.promote_secondaries not found");
    }
}
