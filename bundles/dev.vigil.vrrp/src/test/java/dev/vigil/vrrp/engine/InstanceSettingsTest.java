package dev.vigil.vrrp.engine;

import static dev.vigil.vrrp.engine.AdvertCodecTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;

class InstanceSettingsTest {

    static final VirtualAddress VIP = Rig.VIP;

    InstanceSettings base() {
        return InstanceSettings.defaults("VI_1", "eth0", 51, 2, 100, 100, List.of(VIP));
    }

    @Test
    void defaultsAreKeepalivedsDefaults() {
        InstanceSettings s = base();

        assertThat(s.multicastGroup()).isEqualTo(ip("224.0.0.18"));
        assertThat(s.garpMasterDelaySeconds()).isEqualTo(5);
        assertThat(s.garpMasterRepeat()).isEqualTo(5);
        assertThat(s.garpMasterRefreshSeconds()).isZero();
        assertThat(s.garpMasterRefreshRepeat()).isEqualTo(1);
        assertThat(s.preempt()).isTrue();
        assertThat(s.options()).isEqualTo(ProtocolOptions.KEEPALIVED_DEFAULTS);
        assertThat(s.unicast()).isFalse();
    }

    @Test
    void missingStateIsDerivedFromPriorityAsKeepalivedDoes() {
        assertThat(base().initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(base().withPriority(255).withInitialState(null).initialState()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void rejectsOutOfRangeValuesWithClearMessages() {
        assertThatThrownBy(() -> InstanceSettings.defaults("VI_1", "eth0", 0, 2, 100, 100, List.of(VIP)))
                .hasMessage("(VI_1) virtual_router_id must be 1-255, not 0");
        assertThatThrownBy(() -> InstanceSettings.defaults("VI_1", "eth0", 51, 4, 100, 100, List.of(VIP)))
                .hasMessage("(VI_1) VRRP version must be 2 or 3, not 4");
        assertThatThrownBy(() -> base().withPriority(0)).hasMessage("(VI_1) priority must be 1-255, not 0");
        assertThatThrownBy(() -> base().withAdvertIntervalCentis(150))
                .hasMessage("(VI_1) VRRPv2 advert_int must be whole seconds 1-255, not 1.5");
        assertThatThrownBy(() -> InstanceSettings.defaults("VI_1", "eth0", 51, 3, 100, 4096, List.of(VIP)))
                .hasMessage("(VI_1) VRRPv3 advert_int must be 0.01-40.95 seconds, not 40.96");
        assertThatThrownBy(() -> base().withInitialState(VrrpState.FAULT))
                .hasMessage("(VI_1) state must be MASTER or BACKUP, not FAULT");
        assertThatThrownBy(() -> base().withAuthPass("123456789"))
                .hasMessage("(VI_1) auth_pass is at most 8 characters");
        assertThatThrownBy(() -> InstanceSettings.defaults("VI_1", "eth0", 51, 3, 100, 100, List.of(VIP)).withAuthPass("x"))
                .hasMessage("(VI_1) VRRP version 3 does not support authentication");
        assertThat(base().withVirtualAddresses(List.of()).virtualAddresses()).as("no_virtual_ipaddress").isEmpty();
        assertThatThrownBy(() -> base().withVirtualAddresses(List.of(VIP, VIP)))
                .hasMessage("(VI_1) virtual address 198.51.100.100 given twice");
        assertThatThrownBy(() -> base().withVirtualAddresses(List.of(new VirtualAddress(ip("2001:db8::1"), 64, "eth0", null))))
                .hasMessage("(VI_1) VRRPv2 carries IPv4 addresses only");
        assertThatThrownBy(() -> base().withGarp(5, 0, 0, 1)).hasMessage("(VI_1) garp_master_repeat must be at least 1");
        assertThatThrownBy(() -> base().withPreempt(true, -1)).hasMessage("(VI_1) preempt_delay must be 0-1000 seconds, not -0.01");
        assertThatThrownBy(() -> base().withUnicastPeers(List.of(ip("2001:db8::2"))))
                .hasMessage("(VI_1) unicast peer 2001:db8:0:0:0:0:0:2 family differs from the VIPs'");
    }

    @Test
    void ipv6IsAllowedWithV3() {
        VirtualAddress v6 = new VirtualAddress(ip("2001:db8::100"), 64, "eth0", null);
        InstanceSettings s = new InstanceSettings("VI_6", "eth0", 51, 3, 100, 100, VrrpState.BACKUP, true, 0, null,
                List.of(v6), ip("ff02::12"), List.of(), 5, 5, 0, 1, ProtocolOptions.KEEPALIVED_DEFAULTS);

        assertThat(s.virtualAddresses()).containsExactly(v6);
    }

    @Test
    void listsAreCopied() {
        java.util.ArrayList<VirtualAddress> vips = new java.util.ArrayList<>(List.of(VIP));
        InstanceSettings s = base().withVirtualAddresses(vips);
        vips.clear();

        assertThat(s.virtualAddresses()).containsExactly(VIP);
    }

    @Test
    void tellsWhichChangesNeedANewInstance() {
        InstanceSettings s = base();

        assertThat(s.restartNeededFor(s.withPriority(150).withAdvertIntervalCentis(300))).isNull();
        assertThat(s.restartNeededFor(s.withUnicastPeers(List.of(ip("198.51.100.2"))))).isEqualTo("advert destinations changed");
        assertThat(s.restartNeededFor(InstanceSettings.defaults("VI_1", "eth1", 51, 2, 100, 100, List.of(VIP))))
                .isEqualTo("interface changed");
    }

    @Test
    void onlyAUnicastInstanceMayHaveNoInterface() {
        VirtualAddress vip = new VirtualAddress(ip("198.51.100.100"), 24, "eth0", null);
        InstanceSettings routed = new InstanceSettings("VI_1", "", 51, 2, 100, 100, VrrpState.BACKUP, true, 0, null,
                List.of(vip), ip("224.0.0.18"), List.of(ip("203.0.113.2")), 5, 5, 0, 1,
                ProtocolOptions.KEEPALIVED_DEFAULTS);

        assertThat(routed.interfaceName()).isEmpty();
        assertThatThrownBy(() -> InstanceSettings.defaults("VI_1", "", 51, 2, 100, 100, List.of(vip)))
                .hasMessage("(VI_1) interface is required");
    }
}
