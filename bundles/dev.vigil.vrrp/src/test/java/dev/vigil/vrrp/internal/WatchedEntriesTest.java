package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.testing.osgi.TypedConfigs;

/** keepalived's no_track: such an entry is never watched for deletions; everything else is. */
class WatchedEntriesTest {

    private static InstanceConfig config(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "VI_1", "interfaceName", "eth0", "virtualRouterId", 51));
        p.putAll(extra);
        return TypedConfigs.of(InstanceConfig.class, p);
    }

    @Test
    void vipsEvipsRoutesAndRulesAreWatchedExceptNoTrackOnes() throws Exception {
        WatchedEntries w = WatchedEntries.of(config(Map.of(
                "virtualIpAddresses", new String[] {"198.51.100.10/24", "198.51.100.11/24 dev eth0 no_track"},
                "excludedIpAddresses", new String[] {"203.0.113.50/24 dev eth1", "203.0.113.51/24 no_track"},
                "virtualRoutes", new String[] {"198.51.100.128/25 via 203.0.113.1 table 10",
                        "198.51.100.0/26 dev eth1 no_track", "198.51.100.64/26 dev eth1 no_track protocol static"},
                "virtualRules", new String[] {"from 203.0.113.0/24 priority 100 table 10",
                        "from 203.0.113.64/26 priority 101 table 10 no_track"})));

        assertThat(w.addresses()).containsExactly(
                new VirtualAddress(InetAddress.getByName("198.51.100.10"), 24, "eth0", null),
                new VirtualAddress(InetAddress.getByName("203.0.113.50"), 24, "eth1", null));
        assertThat(w.routes()).containsExactly(VirtualRoute.parse("198.51.100.128/25 via 203.0.113.1 table 10"));
        assertThat(w.rules()).containsExactly(VirtualRule.parse("from 203.0.113.0/24 priority 100 table 10"));
    }

    @Test
    void aNoTrackVipIsStillAVipOfTheInstance() {
        InstanceConfig c = config(Map.of("virtualIpAddresses", new String[] {"198.51.100.11/24 dev eth0 no_track"}));

        assertThat(SettingsMapper.parseVip("198.51.100.11/24 dev eth0 no_track", "eth0").address().getHostAddress())
                .isEqualTo("198.51.100.11");
        assertThat(WatchedEntries.of(c).isEmpty()).isTrue();
    }

    @Test
    void trackSrcIpWatchesTheSourceAddressOnTheInstancesInterfaceOrItsIpvlan() throws Exception {
        String[] vip = {"198.51.100.10/24"};
        assertThat(WatchedEntries.of(config(Map.of("virtualIpAddresses", vip, "sourceAddress", "198.51.100.2",
                "trackSourceAddress", true))).tracked())
                .containsExactly(new TrackedAddress(InetAddress.getByName("198.51.100.2"), "eth0"));
        assertThat(WatchedEntries.of(config(Map.of("virtualIpAddresses", vip, "sourceAddress", "198.51.100.3",
                "trackSourceAddress", true, "ipvlanInterface", "vgipvl", "ipvlanAddress", "198.51.100.3/24"))).tracked())
                .containsExactly(new TrackedAddress(InetAddress.getByName("198.51.100.3"), "vgipvl"));
        assertThat(WatchedEntries.of(config(Map.of("virtualIpAddresses", vip, "sourceAddress", "198.51.100.2")))
                .tracked()).as("without track_src_ip").isEmpty();
        assertThat(WatchedEntries.of(config(Map.of("trackSourceAddress", true, "sourceAddress", ""))).isEmpty())
                .as("no source address: nothing to track").isTrue();
    }
}
