package dev.vigil.libc;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * C structs as byte arrays: integers in native byte order, addresses and ports in network order,
 * exactly as the kernel lays them out on Linux (x86_64, aarch64).
 */
public final class Structs {

    public static final int SOCKADDR_IN_SIZE = 16;
    public static final int SOCKADDR_IN6_SIZE = 28;
    public static final int IP_MREQN_SIZE = 12;
    public static final int SOCKADDR_LL_SIZE = 20;
    public static final int SOCKADDR_NL_SIZE = 12;
    /** struct ifreq: 16 bytes of name, then a 24-byte union. */
    public static final int IFREQ_SIZE = 40;
    /** Where the union (ifr_addr, ifr_flags, ifr_ifindex, ifr_hwaddr) starts in an ifreq. */
    public static final int IFREQ_UNION_OFFSET = 16;
    /** The largest sockaddr recvfrom may fill (sockaddr_storage). */
    public static final int SOCKADDR_STORAGE_SIZE = 128;

    private Structs() {
    }

    static ByteBuffer nativeBuffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    /** htons(3): a 16-bit value in network order, as the int the kernel expects (e.g. AF_PACKET protocols). */
    public static int htons(int value) {
        short s = (short) value;
        return Short.toUnsignedInt(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes(s) : s);
    }

    public static byte[] nativeInt(int value) {
        byte[] b = new byte[4];
        nativeBuffer(b).putInt(0, value);
        return b;
    }

    public static int readNativeInt(byte[] bytes, int offset) {
        return nativeBuffer(bytes).getInt(offset);
    }

    public static short readNativeShort(byte[] bytes, int offset) {
        return nativeBuffer(bytes).getShort(offset);
    }

    /** struct sockaddr_in: family, port (network order), address, 8 bytes of zero. */
    public static byte[] sockaddrIn(Inet4Address address, int port) {
        byte[] b = new byte[SOCKADDR_IN_SIZE];
        ByteBuffer bb = nativeBuffer(b);
        bb.putShort(0, (short) Linux.AF_INET);
        b[2] = (byte) (port >>> 8);
        b[3] = (byte) port;
        System.arraycopy(address.getAddress(), 0, b, 4, 4);
        return b;
    }

    /** struct sockaddr_in6: family, port, flowinfo, address, scope id. */
    public static byte[] sockaddrIn6(Inet6Address address, int port, int scopeId) {
        byte[] b = new byte[SOCKADDR_IN6_SIZE];
        ByteBuffer bb = nativeBuffer(b);
        bb.putShort(0, (short) Linux.AF_INET6);
        b[2] = (byte) (port >>> 8);
        b[3] = (byte) port;
        System.arraycopy(address.getAddress(), 0, b, 8, 16);
        bb.putInt(24, scopeId);
        return b;
    }

    /** The address in a sockaddr_in / sockaddr_in6 (as recvfrom fills it), or null for other families. */
    public static InetAddress sockaddrAddress(byte[] sockaddr) {
        int family = Short.toUnsignedInt(readNativeShort(sockaddr, 0));
        try {
            if (family == Linux.AF_INET) {
                byte[] a = new byte[4];
                System.arraycopy(sockaddr, 4, a, 0, 4);
                return InetAddress.getByAddress(a);
            }
            if (family == Linux.AF_INET6) {
                byte[] a = new byte[16];
                System.arraycopy(sockaddr, 8, a, 0, 16);
                return InetAddress.getByAddress(a);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4/16 bytes
        }
        return null;
    }

    /** struct ip_mreqn: group, local address (null = any), interface index. */
    public static byte[] ipMreqn(Inet4Address group, Inet4Address local, int ifindex) {
        byte[] b = new byte[IP_MREQN_SIZE];
        if (group != null) {
            System.arraycopy(group.getAddress(), 0, b, 0, 4);
        }
        if (local != null) {
            System.arraycopy(local.getAddress(), 0, b, 4, 4);
        }
        nativeBuffer(b).putInt(8, ifindex);
        return b;
    }

    /** struct ipv6_mreq: group, interface index. */
    public static byte[] ipv6Mreq(Inet6Address group, int ifindex) {
        byte[] b = new byte[20];
        System.arraycopy(group.getAddress(), 0, b, 0, 16);
        nativeBuffer(b).putInt(16, ifindex);
        return b;
    }

    /**
     * struct sockaddr_ll: family AF_PACKET, protocol (network order), ifindex, hatype, pkttype,
     * halen, address (up to 8 bytes).
     */
    public static byte[] sockaddrLl(int protocol, int ifindex, int hatype, int pkttype, byte[] hwAddress) {
        if (hwAddress.length > 8) {
            throw new IllegalArgumentException("hardware address longer than 8 bytes");
        }
        byte[] b = new byte[SOCKADDR_LL_SIZE];
        ByteBuffer bb = nativeBuffer(b);
        bb.putShort(0, (short) Linux.AF_PACKET);
        b[2] = (byte) (protocol >>> 8);
        b[3] = (byte) protocol;
        bb.putInt(4, ifindex);
        bb.putShort(8, (short) hatype);
        b[10] = (byte) pkttype;
        b[11] = (byte) hwAddress.length;
        System.arraycopy(hwAddress, 0, b, 12, hwAddress.length);
        return b;
    }

    /** struct sockaddr_nl: family AF_NETLINK, pad, port id (0 = kernel / let it choose), groups. */
    public static byte[] sockaddrNl(int portId, int groups) {
        byte[] b = new byte[SOCKADDR_NL_SIZE];
        ByteBuffer bb = nativeBuffer(b);
        bb.putShort(0, (short) Linux.AF_NETLINK);
        bb.putInt(4, portId);
        bb.putInt(8, groups);
        return b;
    }

    /** sun_path's size in struct sockaddr_un. */
    public static final int SOCKADDR_UN_PATH_SIZE = 108;

    /**
     * struct sockaddr_un for a datagram to a local socket (syslog's /dev/log, systemd's
     * $NOTIFY_SOCKET), cut to the length the kernel is to read: family AF_UNIX (1) and the path,
     * NUL-terminated; a path starting with '@' names an abstract socket (a leading NUL, no
     * terminator: every byte counts).
     */
    public static byte[] sockaddrUn(String path) {
        boolean abstractName = path.startsWith("@");
        byte[] name = (abstractName ? path.substring(1) : path).getBytes(StandardCharsets.UTF_8);
        int pathLength = name.length + 1; // the terminator, or the abstract name's leading NUL
        if (name.length == 0 && !abstractName || pathLength > SOCKADDR_UN_PATH_SIZE) {
            throw new IllegalArgumentException("a socket path must be 1-107 bytes: " + path);
        }
        byte[] b = new byte[2 + pathLength];
        nativeBuffer(b).putShort(0, (short) 1); // AF_UNIX
        System.arraycopy(name, 0, b, abstractName ? 3 : 2, name.length);
        return b;
    }

    /** struct timeval (two longs on LP64), e.g. for SO_RCVTIMEO. */
    public static byte[] timeval(long millis) {
        byte[] b = new byte[16];
        ByteBuffer bb = nativeBuffer(b);
        bb.putLong(0, millis / 1000);
        bb.putLong(8, (millis % 1000) * 1000);
        return b;
    }

    /** struct ifreq with the interface name set and the union zeroed. */
    public static byte[] ifreq(String interfaceName) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length >= Linux.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1-15 characters: " + interfaceName);
        }
        byte[] b = new byte[IFREQ_SIZE];
        System.arraycopy(name, 0, b, 0, name.length);
        return b;
    }

    /** The interface name as a NUL-terminated string, e.g. for SO_BINDTODEVICE. */
    public static byte[] cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, b, 0, bytes.length);
        return b;
    }

    /** ifr_addr of an ifreq filled by SIOCGIFADDR, as an IPv4 address. */
    public static Inet4Address ifreqInet4(byte[] ifreq) {
        byte[] a = new byte[4];
        System.arraycopy(ifreq, IFREQ_UNION_OFFSET + 4, a, 0, 4);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ifr_hwaddr.sa_data of an ifreq filled by SIOCGIFHWADDR: the 6-byte MAC. */
    public static byte[] ifreqHwAddress(byte[] ifreq) {
        byte[] mac = new byte[6];
        System.arraycopy(ifreq, IFREQ_UNION_OFFSET + 2, mac, 0, 6);
        return mac;
    }

    /** ifr_flags of an ifreq filled by SIOCGIFFLAGS (a short; unsigned). */
    public static int ifreqFlags(byte[] ifreq) {
        return Short.toUnsignedInt(readNativeShort(ifreq, IFREQ_UNION_OFFSET));
    }

    /** ifr_ifindex of an ifreq filled by SIOCGIFINDEX. */
    public static int ifreqIndex(byte[] ifreq) {
        return readNativeInt(ifreq, IFREQ_UNION_OFFSET);
    }
}
