package dev.vigil.transport.raw;

import java.net.InetAddress;

/** A minimal, valid VRRPv2 advertisement for the tests (the real codec lives in dev.vigil.vrrp). */
final class VrrpV2 {

    private VrrpV2() {
    }

    static byte[] advert(int vrid, int priority, InetAddress vip) {
        byte[] m = new byte[8 + 4 + 8];
        m[0] = 0x21; // version 2, type 1 (advertisement)
        m[1] = (byte) vrid;
        m[2] = (byte) priority;
        m[3] = 1; // one address
        m[4] = 0; // no authentication
        m[5] = 1; // advertisement interval, seconds
        System.arraycopy(vip.getAddress(), 0, m, 8, 4);
        int sum = 0;
        for (int i = 0; i < m.length; i += 2) {
            sum += ((m[i] & 0xff) << 8) | (m[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = ~sum & 0xffff;
        m[6] = (byte) (checksum >> 8);
        m[7] = (byte) checksum;
        return m;
    }
}
