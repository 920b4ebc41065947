package dev.vigil.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class StructsTest {

    private static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    private static byte[] le16(int v) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? new byte[] {(byte) v, (byte) (v >> 8)}
                : new byte[] {(byte) (v >> 8), (byte) v};
    }

    @Test
    void sockaddrInHasFamilyInNativeOrderAndPortAndAddressInNetworkOrder() throws Exception {
        byte[] sa = Structs.sockaddrIn(v4("198.51.100.11"), 0x1234);
        assertThat(sa).hasSize(16);
        assertThat(new byte[] {sa[0], sa[1]}).isEqualTo(le16(Linux.AF_INET));
        assertThat(new byte[] {sa[2], sa[3]}).containsExactly(0x12, 0x34);
        assertThat(new byte[] {sa[4], sa[5], sa[6], sa[7]}).containsExactly(198, 51, 100, 11);
        assertThat(Structs.sockaddrAddress(sa)).isEqualTo(v4("198.51.100.11"));
    }

    @Test
    void ipMreqnCarriesGroupLocalAndIndex() throws Exception {
        byte[] m = Structs.ipMreqn(v4("224.0.0.18"), v4("198.51.100.11"), 7);
        assertThat(m).hasSize(12);
        assertThat(new byte[] {m[0], m[1], m[2], m[3]}).containsExactly(224, 0, 0, 18);
        assertThat(new byte[] {m[4], m[5], m[6], m[7]}).containsExactly(198, 51, 100, 11);
        assertThat(Structs.readNativeInt(m, 8)).isEqualTo(7);
    }

    @Test
    void sockaddrLlPutsTheProtocolInNetworkOrder() {
        byte[] ll = Structs.sockaddrLl(Linux.ETH_P_ARP, 3, 1, 0, new byte[] {-1, -1, -1, -1, -1, -1});
        assertThat(ll).hasSize(20);
        assertThat(Structs.readNativeShort(ll, 0)).isEqualTo((short) Linux.AF_PACKET);
        assertThat(new byte[] {ll[2], ll[3]}).containsExactly(0x08, 0x06);
        assertThat(Structs.readNativeInt(ll, 4)).isEqualTo(3);
        assertThat(ll[11]).isEqualTo((byte) 6);
        assertThat(ll[12]).isEqualTo((byte) 0xff);
    }

    @Test
    void sockaddrNlAndIfreq() {
        byte[] nl = Structs.sockaddrNl(0, 1);
        assertThat(nl).hasSize(12);
        assertThat(Structs.readNativeShort(nl, 0)).isEqualTo((short) Linux.AF_NETLINK);
        assertThat(Structs.readNativeInt(nl, 8)).isEqualTo(1);

        byte[] ifr = Structs.ifreq("eth0");
        assertThat(ifr).hasSize(40);
        assertThat(new String(ifr, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("eth0");
        assertThat(ifr[4]).isZero();
        assertThatThrownBy(() -> Structs.ifreq("a-name-too-long-0")).isInstanceOf(IllegalArgumentException.class);
    }
}
