package dev.vigil.transport.raw;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.vigil.api.dataplane.AdvertReceiver;
import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.api.dataplane.VrrpTransport;
import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;
import dev.vigil.libc.Structs;

/**
 * VRRP over raw IPv4 and IPv6 sockets (protocol 112), as keepalived does it:
 * <ul>
 * <li>the interface is chosen with SO_BINDTODEVICE (a unicast channel without one is bound to
 * its VRF, if any, or to nothing, and its adverts follow the routing table); in multicast mode the socket is never bound
 * to an address (a raw socket's bound address filters on the <em>destination</em>, which would
 * drop adverts to 224.0.0.18);</li>
 * <li>the multicast source and interface with IP_MULTICAST_IF (ip_mreqn), TTL 255 for multicast
 * and unicast (unicast: {@code unicast_ttl} when set), no multicast loop, TOS 0xc0 (internetwork control), membership of the group and
 * IP_MULTICAST_ALL off (only groups this socket joined);</li>
 * <li>in unicast mode the socket is bound to the source address, which is how keepalived gives
 * unicast adverts the configured {@code unicast_src_ip}; there the destination filter is what we
 * want (peers send to that address).</li>
 * </ul>
 * Sockets are created on the calling thread, so they live in that thread's network namespace.
 */
@Component(service = VrrpTransport.class, immediate = true, name = "dev.vigil.transport.raw")
public class RawVrrpTransport implements VrrpTransport {

    static final int TTL = 255;
    static final int TOS_INTERNETWORK_CONTROL = 0xc0;

    private final LibC libc;
    private final Set<RawVrrpChannel> open = ConcurrentHashMap.newKeySet();

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Logger logger;

    public RawVrrpTransport() {
        this(LibC.get());
    }

    RawVrrpTransport(LibC libc) {
        this.libc = libc;
    }

    @Override
    public VrrpChannel open(ChannelSpec spec, AdvertReceiver receiver) throws IOException {
        boolean v6 = spec.unicast() ? spec.unicastPeers().get(0) instanceof Inet6Address
                : spec.multicastGroup() instanceof Inet6Address;
        Class<? extends InetAddress> family = v6 ? Inet6Address.class : Inet4Address.class;
        if (spec.sourceAddress() != null && !family.isInstance(spec.sourceAddress())
                || spec.unicastPeers().stream().anyMatch(p -> !family.isInstance(p))) {
            throw new IOException("a channel carries one address family; " + spec + " mixes IPv4 and IPv6");
        }
        return v6 ? openV6(spec, receiver) : openV4(spec, receiver);
    }

    private VrrpChannel openV4(ChannelSpec spec, AdvertReceiver receiver) throws IOException {
        String ifname = label(spec);
        int fd = libc.socket(Linux.AF_INET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, Linux.IPPROTO_VRRP);
        try {
            receiveBuffer(fd, spec);
            int ifindex = bindToDevice(fd, spec);
            Inet4Address source = spec.sourceAddress() != null ? (Inet4Address) spec.sourceAddress() : primaryAddress(fd, ifname);
            if (spec.hasInterface()) {
                option(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_IF, Structs.ipMreqn(null, source, ifindex),
                        "IP_MULTICAST_IF " + source.getHostAddress() + " on " + ifname);
            }
            option(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_TTL, Structs.nativeInt(TTL), "IP_MULTICAST_TTL");
            option(fd, Linux.IPPROTO_IP, Linux.IP_TTL, Structs.nativeInt(unicastTtl(spec)), "IP_TTL");
            option(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_LOOP, Structs.nativeInt(0), "IP_MULTICAST_LOOP");
            option(fd, Linux.IPPROTO_IP, Linux.IP_TOS, Structs.nativeInt(TOS_INTERNETWORK_CONTROL), "IP_TOS");
            // only the groups this socket joins, not every group some other socket joined
            option(fd, Linux.IPPROTO_IP, Linux.IP_MULTICAST_ALL, Structs.nativeInt(0), "IP_MULTICAST_ALL");
            List<InetAddress> destinations;
            if (spec.unicast()) {
                bind(fd, Structs.sockaddrIn(source, 0), source, ifname);
                destinations = spec.unicastPeers();
            } else {
                Inet4Address group = (Inet4Address) spec.multicastGroup();
                option(fd, Linux.IPPROTO_IP, Linux.IP_ADD_MEMBERSHIP, Structs.ipMreqn(group, null, ifindex),
                        "IP_ADD_MEMBERSHIP " + group.getHostAddress() + " on " + ifname);
                destinations = List.of(group);
            }
            return start(fd, ifname, ifindex, source, destinations, receiver);
        } catch (IOException | RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    /**
     * IPv6: the same choices with the IPv6 options (hop limit 255, traffic class 0xc0). Adverts to
     * ff02::12 leave from the interface's link-local address (RFC 5798 §5.1.2.2), which the kernel
     * picks; the socket asks for the hop limit and destination of each packet as ancillary data,
     * since IPv6 raw sockets do not see the IP header. Checksums are left to the engine.
     */
    private VrrpChannel openV6(ChannelSpec spec, AdvertReceiver receiver) throws IOException {
        String ifname = label(spec);
        Inet6Address requested = (Inet6Address) spec.sourceAddress();
        if (!spec.unicast() && requested != null && !requested.isLinkLocalAddress()) {
            throw new IOException("IPv6 multicast adverts come from the interface's link-local address; "
                    + requested.getHostAddress() + " is not one (RFC 5798 5.1.2.2)");
        }
        if (!spec.hasInterface() && requested.isLinkLocalAddress()) {
            // keepalived's rule: a link-local address means nothing without the interface it is on
            throw new IOException("Non link-local address required if interface omitted: " + requested.getHostAddress());
        }
        int fd = libc.socket(Linux.AF_INET6, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, Linux.IPPROTO_VRRP);
        try {
            receiveBuffer(fd, spec);
            int ifindex = bindToDevice(fd, spec);
            Inet6Address source = requested != null ? requested : Ipv6Interfaces.linkLocal(ifname)
                    .orElseThrow(() -> new NativeException("link-local IPv6 address of " + ifname, Errno.EADDRNOTAVAIL,
                            libc.strerror(Errno.EADDRNOTAVAIL)));
            if (spec.hasInterface()) {
                option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_IF, Structs.nativeInt(ifindex),
                        "IPV6_MULTICAST_IF " + ifname);
            }
            option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_HOPS, Structs.nativeInt(TTL), "IPV6_MULTICAST_HOPS");
            option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_UNICAST_HOPS, Structs.nativeInt(unicastTtl(spec)),
                    "IPV6_UNICAST_HOPS");
            option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_MULTICAST_LOOP, Structs.nativeInt(0), "IPV6_MULTICAST_LOOP");
            option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_TCLASS, Structs.nativeInt(TOS_INTERNETWORK_CONTROL), "IPV6_TCLASS");
            option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_RECVHOPLIMIT, Structs.nativeInt(1), "IPV6_RECVHOPLIMIT");
            option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_RECVPKTINFO, Structs.nativeInt(1), "IPV6_RECVPKTINFO");
            List<InetAddress> destinations;
            if (spec.unicast()) {
                bind(fd, Structs.sockaddrIn6(source, 0, source.isLinkLocalAddress() ? ifindex : 0), source, ifname);
                destinations = spec.unicastPeers();
            } else {
                Inet6Address group = (Inet6Address) spec.multicastGroup();
                option(fd, Linux.IPPROTO_IPV6, Linux.IPV6_ADD_MEMBERSHIP, Structs.ipv6Mreq(group, ifindex),
                        "IPV6_ADD_MEMBERSHIP " + group.getHostAddress() + " on " + ifname);
                destinations = List.of(group);
            }
            return start(fd, ifname, ifindex, source, destinations, receiver);
        } catch (IOException | RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    private RawVrrpChannel start(int fd, String ifname, int ifindex, InetAddress source, List<InetAddress> destinations,
            AdvertReceiver receiver) {
        RawVrrpChannel[] self = new RawVrrpChannel[1];
        RawVrrpChannel channel = new RawVrrpChannel(libc, fd, ifname, ifindex, source, destinations, receiver,
                this::warn, () -> open.remove(self[0]));
        self[0] = channel;
        open.add(channel);
        channel.start();
        return channel;
    }

    /** Closes every channel this component opened: the service is going away. */
    @Deactivate
    void deactivate() {
        for (RawVrrpChannel c : List.copyOf(open)) {
            c.close();
        }
    }

    /** The SO_RCVBUF the kernel gave a channel's socket (twice what was asked, capped; for tests). */
    int receiveBufferBytes(RawVrrpChannel channel) throws NativeException {
        return libc.getsockoptInt(channel.fd(), Linux.SOL_SOCKET, Linux.SO_RCVBUF);
    }

    /** The channels open now (for tests and status). */
    Set<RawVrrpChannel> openChannels() {
        return Set.copyOf(open);
    }

    private Inet4Address primaryAddress(int fd, String ifname) throws NativeException {
        byte[] ifreq = Structs.ifreq(ifname);
        try {
            libc.ioctl(fd, Linux.SIOCGIFADDR, ifreq);
        } catch (NativeException e) {
            throw new NativeException("primary IPv4 address of " + ifname + " (SIOCGIFADDR)", e.errno(), e.reason());
        }
        return Structs.ifreqInet4(ifreq);
    }

    /**
     * SO_BINDTODEVICE on the interface, or on the VRF master for a channel without one (that is
     * how Linux scopes a socket to a VRF); a channel with neither follows the main routing table.
     * Returns the interface's index, 0 without an interface.
     */
    private int bindToDevice(int fd, ChannelSpec spec) throws NativeException {
        Optional<String> device = spec.boundDevice();
        if (device.isPresent()) {
            option(fd, Linux.SOL_SOCKET, Linux.SO_BINDTODEVICE, Structs.cString(device.get()),
                    "SO_BINDTODEVICE " + device.get());
        }
        return spec.hasInterface() ? libc.ifNameToIndex(spec.interfaceName()) : 0;
    }

    /** How logs and thread names call a channel: its interface, else its VRF, else its source address. */
    static String label(ChannelSpec spec) {
        if (spec.hasInterface()) {
            return spec.interfaceName();
        }
        String source = spec.sourceAddress().getHostAddress();
        return spec.vrfName().isEmpty() ? source : spec.vrfName() + "/" + source;
    }

    /** {@code unicast_ttl} for unicast adverts; multicast ones keep 255 (IP_MULTICAST_TTL sets theirs). */
    private static int unicastTtl(ChannelSpec spec) {
        return spec.unicast() ? spec.unicastTtl() : TTL;
    }

    /**
     * {@code kernel_rx_buf_size}: asked before the socket joins anything, as keepalived does; a
     * refusal is logged and the kernel's default kept, as keepalived does too.
     */
    private void receiveBuffer(int fd, ChannelSpec spec) {
        if (spec.receiveBufferBytes() == 0) {
            return;
        }
        try {
            libc.setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_RCVBUF, Structs.nativeInt(spec.receiveBufferBytes()));
        } catch (NativeException e) {
            warn("vrrp set receive socket buffer size error " + e.errno() + " on " + label(spec));
        }
    }

    private void bind(int fd, byte[] sockaddr, InetAddress source, String ifname) throws NativeException {
        try {
            libc.bind(fd, sockaddr);
        } catch (NativeException e) {
            throw new NativeException("bind unicast source " + source.getHostAddress() + " on " + ifname, e.errno(), e.reason());
        }
    }

    private void option(int fd, int level, int option, byte[] value, String what) throws NativeException {
        try {
            libc.setsockopt(fd, level, option, value);
        } catch (NativeException e) {
            throw new NativeException("setsockopt " + what, e.errno(), e.reason());
        }
    }

    private void closeQuietly(int fd) {
        try {
            libc.close(fd);
        } catch (NativeException ignored) {
            // the open already failed; that error is the one to report
        }
    }

    private void warn(String message) {
        Logger l = logger;
        if (l != null) {
            l.warn(message);
        } else {
            System.err.println("vigil transport.raw: " + message);
        }
    }
}
