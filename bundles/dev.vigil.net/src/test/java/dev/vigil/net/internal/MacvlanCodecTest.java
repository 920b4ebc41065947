package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualMac;

/** The VMAC's RTM_NEWLINK, read back as the kernel's RTM_NEWLINK answers are read. */
class MacvlanCodecTest {

    private static final VirtualMac VMAC = new VirtualMac("vrrp.51", "eth0", 51, false);

    private static NlMessage echoed(NlRequest request) {
        byte[] bytes = request.build(1);
        List<NlMessage> messages = NlMessage.split(bytes, bytes.length);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void theCreateRequestCarriesNameParentMacKindAndPrivateMode() {
        NlRequest request = NetlinkVirtualMacManager.macvlanRequest(VMAC, 7, 0);
        assertThat(request.flags()).isEqualTo(Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL);

        NlMessage m = echoed(request);
        assertThat(LinkState.parse(m).name()).isEqualTo("vrrp.51");
        assertThat(LinkState.parse(m).hardwareAddress()).containsExactly(0, 0, 0x5e, 0, 1, 51);
        assertThat(LinkKind.parse(m)).isEqualTo(new LinkKind("macvlan", 7, Rtnl.MACVLAN_MODE_PRIVATE, -1));
    }

    @Test
    void onlyAMacvlanWithTheMacOnTheParentIsOurs() {
        NlMessage ours = echoed(NetlinkVirtualMacManager.macvlanRequest(VMAC, 7, 0));
        assertThat(NetlinkVirtualMacManager.isOurs(ours, VMAC, 7)).isTrue();
        assertThat(NetlinkVirtualMacManager.isOurs(ours, VMAC, 8)).as("another parent").isFalse();
        assertThat(NetlinkVirtualMacManager.isOurs(ours, new VirtualMac("vrrp.51", "eth0", 52, false), 7))
                .as("another MAC").isFalse();
        NlMessage plain = echoed(new NlRequest(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST)
                .header(NlRequest.ifinfomsg(0, 0)).attrString(Rtnl.IFLA_IFNAME, "vrrp.51")
                .attrInt(Rtnl.IFLA_LINK, 7).attr(Rtnl.IFLA_ADDRESS, VMAC.macAddress()));
        assertThat(LinkKind.parse(plain).kind()).isNull();
        assertThat(NetlinkVirtualMacManager.isOurs(plain, VMAC, 7)).as("not a macvlan").isFalse();
    }
}
