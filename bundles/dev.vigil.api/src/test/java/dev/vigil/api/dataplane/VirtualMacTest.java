package dev.vigil.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VirtualMacTest {

    @Test
    void theMacIsTheVirtualRouterMacOfTheFamily() {
        assertThat(new VirtualMac("vrrp.200", "eth0", 200, false).macAddress())
                .containsExactly(0x00, 0x00, 0x5e, 0x00, 0x01, 0xc8);
        assertThat(new VirtualMac("vrrp.200", "eth0", 200, true).macText()).isEqualTo("00:00:5e:00:02:c8");
        assertThat(VirtualMac.defaultName(200)).isEqualTo("vrrp.200");
    }

    @Test
    void namesTheKernelCannotTakeAreRefused() {
        assertThatThrownBy(() -> new VirtualMac("a-name-too-long-1", "eth0", 1, false))
                .hasMessageContaining("1 to 15 characters");
        assertThatThrownBy(() -> new VirtualMac("eth0", "eth0", 1, false)).hasMessageContaining("own parent");
        assertThatThrownBy(() -> new VirtualMac("vrrp.0", "eth0", 0, false)).hasMessageContaining("1-255");
    }

    @Test
    void aGivenAddressReplacesTheRfcMacButNeverAMulticastOne() {
        VirtualMac own = new VirtualMac("vrrp.7", "eth0", 7, false, null, "02:00:5e:aa:bb:07");
        assertThat(own.macText()).isEqualTo("02:00:5e:aa:bb:07");
        assertThatThrownBy(() -> new VirtualMac("vrrp.7", "eth0", 7, false, null, "01:00:5e:aa:bb:07"))
                .hasMessageContaining("multicast");
        assertThatThrownBy(() -> new VirtualMac("vrrp.7", "eth0", 7, false, null, "02:00:5e:aa:bb"))
                .hasMessageContaining("6 octets");
    }
}
