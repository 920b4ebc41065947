package dev.vigil.transport.raw;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.libc.ControlMessage;
import dev.vigil.libc.Linux;
import dev.vigil.libc.Structs;

/** Builds a {@link ReceivedPacket} from what recvmsg(2) gives an IPv6 raw socket. */
final class Ipv6Packets {

    /** Room for IPV6_HOPLIMIT and IPV6_PKTINFO (16 + 8 and 16 + 20, each 8-aligned) with margin. */
    static final int CONTROL_SIZE = 128;

    private Ipv6Packets() {
    }

    /** Link-local unicast and link-scope multicast destinations need the interface as scope id. */
    static boolean needsScope(Inet6Address a) {
        return a.isLinkLocalAddress() || a.isMCLinkLocal();
    }

    /** Null when the kernel did not tell the hop limit or destination (never expected with both options on). */
    static ReceivedPacket toPacket(byte[] buffer, int length, byte[] sockaddr, byte[] control, int controlLength,
            long receivedNanos) {
        int hopLimit = -1;
        InetAddress destination = null;
        for (ControlMessage m : ControlMessage.parse(control, controlLength)) {
            if (m.level() != Linux.IPPROTO_IPV6) {
                continue;
            }
            if (m.type() == Linux.IPV6_HOPLIMIT && m.data().length >= 4) {
                hopLimit = m.intValue();
            } else if (m.type() == Linux.IPV6_PKTINFO && m.data().length >= 16) {
                destination = address(Arrays.copyOf(m.data(), 16));
            }
        }
        InetAddress source = Structs.sockaddrAddress(sockaddr);
        if (hopLimit < 0 || destination == null || !(source instanceof Inet6Address)) {
            return null;
        }
        return new ReceivedPacket(source, destination, hopLimit, Arrays.copyOf(buffer, length), receivedNanos);
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
