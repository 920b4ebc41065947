package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.VirtualMac;
import dev.vigil.api.dataplane.VirtualMac.IpvlanMode;

/** The ipvlan's RTM_NEWLINK, read back as the kernel's RTM_NEWLINK answers are read. */
class IpvlanCodecTest {

    private static VirtualMac ipvlan(IpvlanMode mode) throws Exception {
        return new VirtualMac("vrrp.51", "eth0", 51, false,
                new VirtualMac.Ipvlan(mode, InetAddress.getByName("198.51.100.7"), 24));
    }

    private static NlMessage echoed(NlRequest request) {
        byte[] bytes = request.build(1);
        List<NlMessage> messages = NlMessage.split(bytes, bytes.length);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void theCreateRequestCarriesNameParentKindL2ModeAndFlags() throws Exception {
        NlMessage m = echoed(NetlinkVirtualMacManager.ipvlanRequest(ipvlan(IpvlanMode.VEPA), 7, 0));
        assertThat(LinkState.parse(m).name()).isEqualTo("vrrp.51");
        assertThat(LinkKind.parse(m)).isEqualTo(new LinkKind("ipvlan", 7, Rtnl.IPVLAN_MODE_L2, Rtnl.IPVLAN_F_VEPA));
    }

    @Test
    void onlyAnL2IpvlanOfThatModeOnTheParentIsOurs() throws Exception {
        NlMessage bridge = echoed(NetlinkVirtualMacManager.ipvlanRequest(ipvlan(IpvlanMode.BRIDGE), 7, 0));
        assertThat(NetlinkVirtualMacManager.isOurs(bridge, ipvlan(IpvlanMode.BRIDGE), 7)).isTrue();
        assertThat(NetlinkVirtualMacManager.isOurs(bridge, ipvlan(IpvlanMode.BRIDGE), 8)).as("another parent").isFalse();
        assertThat(NetlinkVirtualMacManager.isOurs(bridge, ipvlan(IpvlanMode.PRIVATE), 7)).as("another mode").isFalse();
        assertThat(NetlinkVirtualMacManager.isOurs(bridge, new VirtualMac("vrrp.51", "eth0", 51, false), 7))
                .as("a VMAC wants a macvlan").isFalse();
        NlMessage macvlan = echoed(NetlinkVirtualMacManager.macvlanRequest(new VirtualMac("vrrp.51", "eth0", 51, false), 7, 0));
        assertThat(NetlinkVirtualMacManager.isOurs(macvlan, ipvlan(IpvlanMode.BRIDGE), 7)).as("not an ipvlan").isFalse();
    }

    @Test
    void withoutFlagsFromTheKernelAnIpvlanIsABridge() throws Exception {
        NlMessage noFlags = echoed(new NlRequest(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST)
                .header(NlRequest.ifinfomsg(0, 0)).attrString(Rtnl.IFLA_IFNAME, "vrrp.51").attrInt(Rtnl.IFLA_LINK, 7)
                .attrNested(Rtnl.IFLA_LINKINFO, NlRequest.rtattr(Rtnl.IFLA_INFO_KIND, NlRequest.cString("ipvlan")),
                        NlRequest.rtattr(Rtnl.IFLA_INFO_DATA | Rtnl.NLA_F_NESTED, NlRequest.rtattr(
                                Rtnl.IFLA_IPVLAN_MODE, NlRequest.nativeShort(Rtnl.IPVLAN_MODE_L2)))));
        assertThat(LinkKind.parse(noFlags)).isEqualTo(new LinkKind("ipvlan", 7, Rtnl.IPVLAN_MODE_L2, -1));
        assertThat(NetlinkVirtualMacManager.isOurs(noFlags, ipvlan(IpvlanMode.BRIDGE), 7)).isTrue();
        assertThat(NetlinkVirtualMacManager.isOurs(noFlags, ipvlan(IpvlanMode.PRIVATE), 7)).isFalse();
    }
}
