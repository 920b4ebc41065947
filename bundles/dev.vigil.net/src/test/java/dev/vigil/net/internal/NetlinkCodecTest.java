package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.libc.Linux;

class NetlinkCodecTest {

    @Test
    void requestLayoutIsHeaderFamilyHeaderThenAlignedAttributes() throws Exception {
        byte[] addr = InetAddress.getByName("198.51.100.100").getAddress();
        byte[] msg = new NlRequest(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .header(NlRequest.ifaddrmsg(Linux.AF_INET, 32, 0, 0, 2))
                .attr(Rtnl.IFA_LOCAL, addr)
                .attrString(Rtnl.IFA_LABEL, "eth0:1")
                .build(77);
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(msg.length).isEqualTo(16 + 8 + 8 + 12); // label "eth0:1\0" = 7 -> 11 -> 12
        assertThat(b.getShort(4)).isEqualTo((short) 20);
        assertThat(b.getShort(6)).isEqualTo((short) 0x605);
        assertThat(b.getInt(8)).isEqualTo(77);
        assertThat(msg[16]).isEqualTo((byte) Linux.AF_INET);
        assertThat(msg[17]).isEqualTo((byte) 32);
        assertThat(b.getInt(20)).isEqualTo(2);
        assertThat(b.getShort(24)).isEqualTo((short) 8);
        assertThat(b.getShort(26)).isEqualTo((short) Rtnl.IFA_LOCAL);

        // read back our own request as if the kernel had echoed it
        List<NlMessage> parsed = NlMessage.split(msg, msg.length);
        assertThat(parsed).hasSize(1);
        AddressEntry entry = AddressEntry.parse(parsed.get(0));
        assertThat(entry.address()).isEqualTo(InetAddress.getByName("198.51.100.100"));
        assertThat(entry.prefixLength()).isEqualTo(32);
        assertThat(entry.index()).isEqualTo(2);
        assertThat(entry.label()).isEqualTo("eth0:1");
    }

    @Test
    void splitsSeveralMessagesAndReadsErrorCodes() {
        ByteBuffer b = ByteBuffer.allocate(16 + 20 + 16 + 4).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) Rtnl.NLMSG_ERROR).putShort((short) 0).putInt(5).putInt(0);
        b.putInt(-17).put(new byte[16]); // error + (truncated) original header
        b.putInt(20).putShort((short) Rtnl.NLMSG_DONE).putShort((short) Rtnl.NLM_F_MULTI).putInt(6).putInt(0).putInt(0);
        List<NlMessage> ms = NlMessage.split(b.array(), b.capacity());
        assertThat(ms).extracting(NlMessage::type).containsExactly(Rtnl.NLMSG_ERROR, Rtnl.NLMSG_DONE);
        assertThat(ms.get(0).errorCode()).isEqualTo(-17);
        assertThat(ms.get(0).seq()).isEqualTo(5);
        assertThat(ms.get(1).errorCode()).isZero();
    }

    @Test
    void truncatedMessagesAreDropped() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
        b.putInt(400).putShort((short) 16).putShort((short) 0).putInt(1).putInt(0);
        assertThat(NlMessage.split(b.array(), 24)).isEmpty();
    }

    @Test
    void linkStateNeedsUpAndRunning() {
        byte[] name = "eth0\0".getBytes();
        ByteBuffer b = ByteBuffer.allocate(16 + 12).order(ByteOrder.nativeOrder());
        b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(3).putInt(Linux.IFF_UP | Linux.IFF_RUNNING).putInt(0);
        b.putShort((short) 9).putShort((short) Rtnl.IFLA_IFNAME).put(name).put((byte) 0).put((byte) 0).put((byte) 0);
        LinkState up = LinkState.parse(new NlMessage(Rtnl.RTM_NEWLINK, 0, 0, 0, b.array()));
        assertThat(up.name()).isEqualTo("eth0");
        assertThat(up.index()).isEqualTo(3);
        assertThat(up.up()).isTrue();
        b.putInt(8, Linux.IFF_UP); // no carrier
        assertThat(LinkState.parse(new NlMessage(Rtnl.RTM_NEWLINK, 0, 0, 0, b.array())).up()).isFalse();
        Map<Integer, byte[]> attrs = new NlMessage(0, 0, 0, 0, b.array()).attributes(Rtnl.IFINFOMSG_LEN);
        assertThat(attrs).containsKey(Rtnl.IFLA_IFNAME);
    }

    @Test
    void gratuitousArpFrameLayout() throws Exception {
        byte[] mac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
        byte[] f = Announcements.arpFrame(mac, (Inet4Address) InetAddress.getByName("198.51.100.100"));
        assertThat(f).hasSize(60);
        ByteBuffer b = ByteBuffer.wrap(f);
        assertThat(b.getShort(12)).isEqualTo((short) 0x0806);
        assertThat(b.getShort(14)).as("htype ethernet").isEqualTo((short) 1);
        assertThat(b.getShort(16)).as("ptype IPv4").isEqualTo((short) 0x0800);
        assertThat(b.getShort(20)).as("request").isEqualTo((short) 1);
        assertThat(java.util.Arrays.copyOfRange(f, 6, 12)).isEqualTo(mac);
        assertThat(java.util.Arrays.copyOfRange(f, 22, 28)).isEqualTo(mac);
        assertThat(java.util.Arrays.copyOfRange(f, 28, 32)).containsExactly(198, 51, 100, 100);
        assertThat(java.util.Arrays.copyOfRange(f, 38, 42)).containsExactly(198, 51, 100, 100);
    }
}
