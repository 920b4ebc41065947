package dev.vigil.net.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;

/** Interface and address lookups over rtnetlink (RTM_GETLINK, RTM_GETADDR dump). */
final class RouteQueries {

    private RouteQueries() {
    }

    /** The link by name; empty when there is no such interface. */
    static Optional<LinkState> link(LibC libc, String name) throws IOException {
        return linkMessage(libc, name).map(LinkState::parse);
    }

    /** The kernel's RTM_NEWLINK for the link by name (with IFLA_LINKINFO); empty when there is none. */
    static Optional<NlMessage> linkMessage(LibC libc, String name) throws IOException {
        try (NetlinkRoute nl = NetlinkRoute.open(libc, 0)) {
            NlRequest req = new NlRequest(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
                    .header(NlRequest.ifinfomsg(Linux.AF_UNSPEC, 0))
                    .attrString(Rtnl.IFLA_IFNAME, name);
            return Optional.of(nl.get("RTM_GETLINK " + name, req));
        } catch (NativeException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every address of {@code family} (AF_INET / AF_INET6) in the kernel's order. */
    static List<AddressEntry> addresses(LibC libc, int family) throws IOException {
        try (NetlinkRoute nl = NetlinkRoute.open(libc, 0)) {
            NlRequest req = new NlRequest(Rtnl.RTM_GETADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP)
                    .header(NlRequest.ifaddrmsg(family, 0, 0, 0, 0));
            List<AddressEntry> out = new ArrayList<>();
            for (NlMessage m : nl.dump("RTM_GETADDR", req)) {
                if (m.type() == Rtnl.RTM_NEWADDR) {
                    AddressEntry a = AddressEntry.parse(m);
                    if (a.family() == family && a.address() != null) {
                        out.add(a);
                    }
                }
            }
            return out;
        }
    }

    /**
     * The primary address of {@code family} on interface {@code index}: for IPv4 the first
     * non-secondary address; for IPv6 the first link-local one (VRRPv3 adverts come from the
     * link-local address), else the first.
     */
    static Optional<InetAddress> primaryAddress(LibC libc, int index, Class<? extends InetAddress> family) throws IOException {
        boolean v6 = Inet6Address.class.isAssignableFrom(family);
        List<AddressEntry> all = addresses(libc, v6 ? Linux.AF_INET6 : Linux.AF_INET);
        List<AddressEntry> mine = all.stream().filter(a -> a.index() == index).toList();
        if (v6) {
            return mine.stream().filter(a -> a.address().isLinkLocalAddress()).findFirst()
                    .or(() -> mine.stream().findFirst()).map(AddressEntry::address);
        }
        return mine.stream().filter(a -> !a.secondary() && a.address() instanceof Inet4Address).findFirst()
                .or(() -> mine.stream().findFirst()).map(AddressEntry::address);
    }
}
