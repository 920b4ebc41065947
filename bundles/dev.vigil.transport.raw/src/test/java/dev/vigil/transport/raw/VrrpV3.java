package dev.vigil.transport.raw;

import java.net.InetAddress;

/** A minimal VRRPv3 advertisement with the pseudo-header checksum keepalived expects (tests only). */
final class VrrpV3 {

    private VrrpV3() {
    }

    static byte[] advert(int vrid, int priority, int intervalCentis, InetAddress source, InetAddress destination,
            InetAddress... vips) {
        int addrLen = vips[0].getAddress().length;
        byte[] m = new byte[8 + addrLen * vips.length];
        m[0] = 0x31;
        m[1] = (byte) vrid;
        m[2] = (byte) priority;
        m[3] = (byte) vips.length;
        m[4] = (byte) ((intervalCentis >> 8) & 0x0f);
        m[5] = (byte) intervalCentis;
        for (int i = 0; i < vips.length; i++) {
            System.arraycopy(vips[i].getAddress(), 0, m, 8 + i * addrLen, addrLen);
        }
        long sum = 0;
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        sum += words(src) + words(dst);
        if (addrLen == 16) {
            sum += m.length; // 32-bit upper-layer length, then 3 zero bytes and next header
            sum += 112;
        } else {
            sum += 112 + m.length; // zero, protocol, 16-bit length
        }
        sum += words(m);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xffff);
        m[6] = (byte) (checksum >> 8);
        m[7] = (byte) checksum;
        return m;
    }

    private static long words(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
        }
        return sum;
    }
}
