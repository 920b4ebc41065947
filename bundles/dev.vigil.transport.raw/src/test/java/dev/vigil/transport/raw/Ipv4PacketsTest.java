package dev.vigil.transport.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import dev.vigil.api.dataplane.ReceivedPacket;

class Ipv4PacketsTest {

    private static byte[] packet(int ihlWords, int ttl, byte[] payload) {
        int hl = ihlWords * 4;
        byte[] b = new byte[hl + payload.length];
        b[0] = (byte) (0x40 | ihlWords);
        int total = b.length;
        b[2] = (byte) (total >> 8);
        b[3] = (byte) total;
        b[8] = (byte) ttl;
        b[9] = 112;
        byte[] src = {(byte) 198, 51, 100, 11};
        byte[] dst = {(byte) 224, 0, 0, 18};
        System.arraycopy(src, 0, b, 12, 4);
        System.arraycopy(dst, 0, b, 16, 4);
        System.arraycopy(payload, 0, b, hl, payload.length);
        return b;
    }

    @Test
    void splitsHeaderFieldsAndPayload() throws Exception {
        byte[] p = packet(5, 255, new byte[] {0x21, 51, 100, 1});
        ReceivedPacket r = Ipv4Packets.parse(p, p.length, 42L);
        assertThat(r.ttl()).isEqualTo(255);
        assertThat(r.source()).isEqualTo(InetAddress.getByName("198.51.100.11"));
        assertThat(r.destination()).isEqualTo(InetAddress.getByName("224.0.0.18"));
        assertThat(r.vrrpMessage()).containsExactly(0x21, 51, 100, 1);
        assertThat(r.receivedNanos()).isEqualTo(42L);
    }

    @Test
    void honoursIpOptionsInTheHeaderLength() {
        byte[] p = packet(6, 254, new byte[] {0x31, 7});
        ReceivedPacket r = Ipv4Packets.parse(p, p.length, 0);
        assertThat(r.vrrpMessage()).containsExactly(0x31, 7);
        assertThat(r.ttl()).isEqualTo(254);
    }

    @Test
    void ignoresTrailingBytesBeyondTheTotalLength() {
        byte[] p = packet(5, 255, new byte[] {1, 2, 3});
        byte[] padded = java.util.Arrays.copyOf(p, p.length + 5);
        assertThat(Ipv4Packets.parse(padded, padded.length, 0).vrrpMessage()).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsMalformedPackets() {
        byte[] p = packet(5, 255, new byte[4]);
        assertThat(Ipv4Packets.parse(p, 19, 0)).as("shorter than a header").isNull();
        byte[] v6 = p.clone();
        v6[0] = 0x65;
        assertThat(Ipv4Packets.parse(v6, v6.length, 0)).as("not version 4").isNull();
        byte[] longHeader = p.clone();
        longHeader[0] = 0x4f; // 60-byte header in a 24-byte packet
        assertThat(Ipv4Packets.parse(longHeader, longHeader.length, 0)).isNull();
    }
}
