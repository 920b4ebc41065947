package dev.vigil.net.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.Structs;

/**
 * Tells the segment that a virtual address moved here: a gratuitous ARP for IPv4 (an ARP request
 * whose sender and target IP are both the VIP, from the interface's MAC, to broadcast) and an
 * unsolicited neighbour advertisement (override flag set) to all-nodes for IPv6.
 */
final class Announcements {

    static final int ETHER_FRAME_MIN = 60;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPOP_REQUEST = 1;

    private Announcements() {
    }

    static void announce(LibC libc, PacketSockets packets, String ifname, InetAddress vip) throws IOException {
        if (vip instanceof Inet4Address v4) {
            gratuitousArp(libc, packets, ifname, v4);
        } else {
            unsolicitedNeighbourAdvert(libc, ifname, (Inet6Address) vip);
        }
    }

    static void gratuitousArp(LibC libc, PacketSockets packets, String ifname, Inet4Address vip) throws IOException {
        int fd = packets.current();
        int ifindex = libc.ifNameToIndex(ifname);
        byte[] mac = hardwareAddress(libc, fd, ifname);
        byte[] frame = arpFrame(mac, vip);
        byte[] to = Structs.sockaddrLl(Linux.ETH_P_ARP, ifindex, ARPHRD_ETHER, 0, BROADCAST);
        try {
            libc.sendto(fd, frame, frame.length, 0, to);
        } catch (NativeException e) {
            if (e.errno() == Errno.EBADF) {
                packets.discard(fd);
            }
            throw new NativeException("gratuitous ARP for " + vip.getHostAddress() + " on " + ifname, e.errno(), e.reason());
        }
    }

    /** The 60-byte Ethernet frame: broadcast, ARP request, sender = target = VIP, target MAC broadcast. */
    static byte[] arpFrame(byte[] mac, Inet4Address vip) {
        ByteBuffer f = ByteBuffer.allocate(ETHER_FRAME_MIN); // big-endian: network order throughout
        f.put(BROADCAST).put(mac).putShort((short) Linux.ETH_P_ARP);
        f.putShort((short) ARPHRD_ETHER).putShort((short) Linux.ETH_P_IP).put((byte) 6).put((byte) 4)
                .putShort((short) ARPOP_REQUEST);
        f.put(mac).put(vip.getAddress()).put(BROADCAST).put(vip.getAddress());
        return f.array(); // the rest is zero padding up to the Ethernet minimum
    }

    static void unsolicitedNeighbourAdvert(LibC libc, String ifname, Inet6Address vip) throws IOException {
        int fd = libc.socket(Linux.AF_INET6, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, Linux.IPPROTO_ICMPV6);
        try {
            int ifindex = libc.ifNameToIndex(ifname);
            byte[] mac = hardwareAddress(libc, fd, ifname);
            libc.setsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_HOPS, 255); // RFC 4861 §7.1.2
            libc.setsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_IF, ifindex);
            // ICMPv6 type 136, override flag, target = VIP, option 2 (target link-layer address);
            // the kernel fills the checksum on ICMPv6 raw sockets.
            ByteBuffer na = ByteBuffer.allocate(32);
            na.put((byte) 136).put((byte) 0).putShort((short) 0).putInt(0x20000000);
            na.put(vip.getAddress());
            na.put((byte) 2).put((byte) 1).put(mac);
            byte[] message = na.array();
            byte[] allNodes = Structs.sockaddrIn6((Inet6Address) InetAddress.getByName("ff02::1"), 0, ifindex);
            try {
                libc.sendto(fd, message, message.length, 0, allNodes);
            } catch (NativeException e) {
                throw new NativeException("neighbour advertisement for " + vip.getHostAddress() + " on " + ifname, e.errno(), e.reason());
            }
        } finally {
            libc.close(fd);
        }
    }

    static byte[] hardwareAddress(LibC libc, int fd, String ifname) throws NativeException {
        byte[] ifreq = Structs.ifreq(ifname);
        try {
            libc.ioctl(fd, Linux.SIOCGIFHWADDR, ifreq);
        } catch (NativeException e) {
            throw new NativeException("MAC address of " + ifname + " (SIOCGIFHWADDR)", e.errno(), e.reason());
        }
        return Structs.ifreqHwAddress(ifreq);
    }
}
