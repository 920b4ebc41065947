package dev.vigil.net.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.vigil.api.dataplane.AddressOptions;
import dev.vigil.api.dataplane.InterfaceInfo;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;

/**
 * Virtual addresses through rtnetlink, as {@code ip addr add/del} and keepalived do: RTM_NEWADDR
 * with CREATE|EXCL (EEXIST means the address was already there: adopted, not an error),
 * RTM_DELADDR (EADDRNOTAVAIL means it was already gone), scope global, IFA_LOCAL + IFA_ADDRESS
 * (the {@code peer} when there is one, as {@code ip addr add A peer P}),
 * IFA_LABEL for IPv4 labels, IFA_F_NODAD for IPv6 (a VIP must not sit in tentative state), and
 * the line's options: scope, IFA_BROADCAST, IFA_FLAGS, IFA_CACHEINFO for preferred_lft.
 * Each call opens its own netlink socket on the calling thread, so calls are thread-safe and act
 * in the caller's network namespace.
 */
@Component(service = VipManager.class, immediate = true, name = "dev.vigil.net.vips")
public class NetlinkVipManager implements VipManager {

    private final LibC libc;
    private final PacketSockets packets;
    private final OwnDeletions own;

    public NetlinkVipManager() {
        this(LibC.get());
    }

    NetlinkVipManager(LibC libc) {
        this(libc, OwnDeletions.SHARED);
    }

    NetlinkVipManager(LibC libc, OwnDeletions own) {
        this.libc = libc;
        this.packets = new PacketSockets(libc);
        this.own = own;
    }

    @Deactivate
    void deactivate() {
        packets.close();
    }

    @Override
    public boolean add(VirtualAddress vip) throws IOException {
        checkLabel(vip);
        int index = index(vip.device());
        boolean v4 = vip.address() instanceof Inet4Address;
        byte[] addr = vip.address().getAddress();
        AddressOptions options = vip.options();
        int flags = addressFlags(v4, options);
        NlRequest req = new NlRequest(Rtnl.RTM_NEWADDR,
                Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .header(NlRequest.ifaddrmsg(family(vip), vip.prefixLength(), flags & 0xff, options.scope(), index))
                .attr(Rtnl.IFA_LOCAL, addr)
                .attr(Rtnl.IFA_ADDRESS, peerOrSelf(vip));
        if (flags > 0xff) {
            req.attrInt(Rtnl.IFA_FLAGS, flags); // the header holds only the low eight flags
        }
        if (v4 && vip.label() != null) {
            req.attrString(Rtnl.IFA_LABEL, vip.label());
        }
        if (options.broadcast() != null) {
            req.attr(Rtnl.IFA_BROADCAST, options.broadcast().getAddress());
        }
        if (options.preferredLifetimeSeconds() != AddressOptions.FOREVER) {
            req.attr(Rtnl.IFA_CACHEINFO, NlRequest.cacheinfo((int) options.preferredLifetimeSeconds(),
                    (int) AddressOptions.FOREVER));
        }
        try (NetlinkRoute nl = NetlinkRoute.open(libc, 0)) {
            nl.acknowledged("add " + vip, req);
            return true;
        } catch (NativeException e) {
            if (e.errno() == Errno.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean remove(VirtualAddress vip) throws IOException {
        int index = index(vip.device());
        byte[] addr = vip.address().getAddress();
        NlRequest req = new NlRequest(Rtnl.RTM_DELADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
                .header(NlRequest.ifaddrmsg(family(vip), vip.prefixLength(), 0, Rtnl.RT_SCOPE_UNIVERSE, index))
                .attr(Rtnl.IFA_LOCAL, addr)
                .attr(Rtnl.IFA_ADDRESS, peerOrSelf(vip)); // the kernel matches it against the peer
        own.deleting(vip); // before the request: the notification may come before the ACK
        try (NetlinkRoute nl = NetlinkRoute.open(libc, 0)) {
            nl.acknowledged("remove " + vip, req);
            return true;
        } catch (NativeException e) {
            own.notDeleted(vip);
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                return false;
            }
            throw e;
        }
    }

    /** IFA_ADDRESS: the other end of a point-to-point address ({@code peer}), else the address itself. */
    private static byte[] peerOrSelf(VirtualAddress vip) {
        InetAddress peer = vip.options().peer();
        return (peer != null ? peer : vip.address()).getAddress();
    }

    /** Whether the address is on its device now, whatever its prefix length or label. */
    @Override
    public boolean present(VirtualAddress vip) throws IOException {
        Optional<LinkState> link = RouteQueries.link(libc, vip.device());
        if (link.isEmpty()) {
            return false;
        }
        int index = link.get().index();
        return RouteQueries.addresses(libc, family(vip)).stream()
                .anyMatch(a -> a.index() == index && a.address().equals(vip.address()));
    }

    @Override
    public void announce(VirtualAddress vip) throws IOException {
        Announcements.announce(libc, packets, vip.device(), vip.address());
    }

    @Override
    public Optional<InterfaceInfo> interfaceInfo(String name, Class<? extends InetAddress> family) throws IOException {
        Optional<LinkState> link = RouteQueries.link(libc, name);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        LinkState l = link.get();
        InetAddress primary = RouteQueries.primaryAddress(libc, l.index(), family).orElse(null);
        return Optional.of(new InterfaceInfo(name, l.index(), primary, l.up()));
    }

    /**
     * IFA_F_* for the options; an IPv6 VIP skips duplicate address detection (it must not sit
     * tentative while we are MASTER) unless keepalived's {@code -nodad} asks for it.
     */
    static int addressFlags(boolean v4, AddressOptions options) {
        int flags = v4 || options.flags().contains(AddressOptions.Flag.DAD) ? 0 : Rtnl.IFA_F_NODAD;
        for (AddressOptions.Flag f : options.flags()) {
            flags |= switch (f) {
                case HOME -> Rtnl.IFA_F_HOMEADDRESS;
                case MNGTMPADDR -> Rtnl.IFA_F_MANAGETEMPADDR;
                case NOPREFIXROUTE -> Rtnl.IFA_F_NOPREFIXROUTE;
                case AUTOJOIN -> Rtnl.IFA_F_MCAUTOJOIN;
                case DAD -> 0;
            };
        }
        return flags;
    }

    private int index(String device) throws IOException {
        return RouteQueries.link(libc, device).map(LinkState::index)
                .orElseThrow(() -> new NativeException("interface " + device, Errno.ENODEV, libc.strerror(Errno.ENODEV)));
    }

    private static int family(VirtualAddress vip) {
        return vip.address() instanceof Inet4Address ? Linux.AF_INET : Linux.AF_INET6;
    }

    /** keepalived's rule (and iproute2's): a label is the device name, or the device name, a colon and more. */
    static void checkLabel(VirtualAddress vip) throws IOException {
        String label = vip.label();
        if (label == null) {
            return;
        }
        if (!(vip.address() instanceof Inet4Address)) {
            throw new IOException("labels exist for IPv4 only: " + vip);
        }
        if (label.length() > 15 || !(label.equals(vip.device()) || label.startsWith(vip.device() + ":"))) {
            throw new IOException("label " + label + " must be " + vip.device() + " or start with " + vip.device()
                    + ": and be at most 15 characters (" + vip + ")");
        }
    }
}
