package dev.vigil.net.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import dev.vigil.api.dataplane.VirtualMac;
import dev.vigil.api.dataplane.VirtualMacManager;
import dev.vigil.libc.Errno;
import dev.vigil.libc.LibC;
import dev.vigil.libc.Linux;
import dev.vigil.libc.NativeException;

/**
 * VMAC interfaces through rtnetlink, as keepalived's {@code use_vmac}: a private-mode macvlan
 * (private, so the kernel never loops our own adverts from one VMAC into another) with the
 * virtual router MAC, brought up after its sysctls are set. And as its {@code use_ipvlan}: an L2
 * ipvlan (the parent's MAC) brought up with the instance's address on it. One socket per call,
 * on the calling thread: thread-safe, and acting in the caller's network namespace.
 */
@Component(service = VirtualMacManager.class, immediate = true, name = "dev.vigil.net.vmacs")
public class NetlinkVirtualMacManager implements VirtualMacManager {

    private final LibC libc;
    private final BaseInterfaceArp baseArp = new BaseInterfaceArp();

    public NetlinkVirtualMacManager() {
        this(LibC.get());
    }

    NetlinkVirtualMacManager(LibC libc) {
        this.libc = libc;
    }

    @Override
    public boolean create(VirtualMac vmac) throws IOException {
        LinkState parent = RouteQueries.link(libc, vmac.parent()).orElseThrow(() -> new NativeException(
                "parent interface " + vmac.parent() + " of " + vmac.name(), Errno.ENODEV, libc.strerror(Errno.ENODEV)));
        Optional<NlMessage> existing = RouteQueries.linkMessage(libc, vmac.name());
        boolean created = existing.isEmpty();
        if (existing.isPresent() && !isOurs(existing.get(), vmac, parent.index())) {
            throw new IOException("interface " + vmac.name() + " exists and is not " + expected(vmac) + " on "
                    + vmac.parent() + "; not adopted");
        }
        if (created) {
            int group = vmac.group() != null ? vmac.group() : parent.group(); // keepalived: the parent's by default
            send("create " + vmac, vmac.ipvlan() == null ? macvlanRequest(vmac, parent.index(), group)
                    : ipvlanRequest(vmac, parent.index(), group));
        }
        try {
            configure(vmac);
            if (vmac.ipvlan() == null) {
                baseArp.hold(vmac.parent(), vmac.name());
            }
            int index = RouteQueries.link(libc, vmac.name()).map(LinkState::index).orElseThrow(
                    () -> new IOException(vmac.name() + " vanished while being set up"));
            send("set " + vmac.name() + " up", new NlRequest(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
                    .header(NlRequest.ifinfomsg(Linux.AF_UNSPEC, index, Linux.IFF_UP, Linux.IFF_UP)));
            addIpvlanAddress(vmac, index);
        } catch (IOException | RuntimeException e) {
            if (created) {
                deleteQuietly(vmac); // not half set up: the retry starts from nothing
                baseArp.letGo(vmac.parent(), vmac.name());
            }
            throw e;
        }
        return created;
    }

    @Override
    public boolean delete(VirtualMac vmac) throws IOException {
        Optional<NlMessage> existing = RouteQueries.linkMessage(libc, vmac.name());
        Optional<LinkState> parent = RouteQueries.link(libc, vmac.parent());
        if (existing.isEmpty() || parent.isEmpty() || !isOurs(existing.get(), vmac, parent.get().index())) {
            baseArp.letGo(vmac.parent(), vmac.name());
            return false; // gone, or someone else's interface by now: leave it alone
        }
        try {
            send("delete " + vmac, deleteRequest(vmac));
        } catch (NativeException e) {
            if (e.errno() != Errno.ENODEV) {
                throw e;
            }
            baseArp.letGo(vmac.parent(), vmac.name());
            return false;
        }
        baseArp.letGo(vmac.parent(), vmac.name());
        return true;
    }

    /**
     * Whether the link is what we would have made on that parent: a macvlan with the VMAC's MAC,
     * or an L2 ipvlan with the mode asked for. Nothing else is adopted or deleted.
     */
    static boolean isOurs(NlMessage link, VirtualMac vmac, int parentIndex) {
        LinkKind kind = LinkKind.parse(link);
        if (kind.parentIndex() != parentIndex) {
            return false;
        }
        if (vmac.ipvlan() != null) {
            int flags = ipvlanFlags(vmac.ipvlan().mode());
            // a kernel that reports no flags has none: its ipvlans are all bridges
            return kind.ipvlan() && kind.mode() == Rtnl.IPVLAN_MODE_L2
                    && (kind.flags() == flags || kind.flags() < 0 && flags == 0);
        }
        return kind.macvlan() && Arrays.equals(LinkState.parse(link).hardwareAddress(), vmac.macAddress());
    }

    private static String expected(VirtualMac vmac) {
        return vmac.ipvlan() == null ? "a macvlan with MAC " + vmac.macText()
                : "an l2 " + vmac.ipvlan().mode().name().toLowerCase(Locale.ROOT) + " ipvlan";
    }

    /** RTM_NEWLINK that creates the ipvlan: name, parent, kind, mode L2 and the bridge/private/vepa flag. */
    static NlRequest ipvlanRequest(VirtualMac vmac, int parentIndex, int group) {
        return new NlRequest(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .header(NlRequest.ifinfomsg(Linux.AF_UNSPEC, 0))
                .attrString(Rtnl.IFLA_IFNAME, vmac.name())
                .attrInt(Rtnl.IFLA_LINK, parentIndex)
                .attrInt(Rtnl.IFLA_GROUP, group)
                .attrNested(Rtnl.IFLA_LINKINFO,
                        NlRequest.rtattr(Rtnl.IFLA_INFO_KIND, NlRequest.cString("ipvlan")),
                        NlRequest.rtattr(Rtnl.IFLA_INFO_DATA | Rtnl.NLA_F_NESTED, concat(
                                NlRequest.rtattr(Rtnl.IFLA_IPVLAN_MODE, NlRequest.nativeShort(Rtnl.IPVLAN_MODE_L2)),
                                NlRequest.rtattr(Rtnl.IFLA_IPVLAN_FLAGS,
                                        NlRequest.nativeShort(ipvlanFlags(vmac.ipvlan().mode()))))));
    }

    static int ipvlanFlags(VirtualMac.IpvlanMode mode) {
        return switch (mode) {
            case BRIDGE -> 0;
            case PRIVATE -> Rtnl.IPVLAN_F_PRIVATE;
            case VEPA -> Rtnl.IPVLAN_F_VEPA;
        };
    }

    /**
     * Puts the ipvlan's address on it, which its adverts come from; already there is fine (an
     * adopted ipvlan). An IPv6 one skips DAD: it is the instance's own configured address, and a
     * tentative one could not send until DAD is over.
     */
    private void addIpvlanAddress(VirtualMac vmac, int index) throws IOException {
        VirtualMac.Ipvlan ipvlan = vmac.ipvlan();
        if (ipvlan == null || ipvlan.address() == null) {
            return;
        }
        byte[] address = ipvlan.address().getAddress();
        boolean v4 = address.length == 4;
        NlRequest request = new NlRequest(Rtnl.RTM_NEWADDR,
                Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .header(NlRequest.ifaddrmsg(v4 ? Linux.AF_INET : Linux.AF_INET6, ipvlan.prefixLength(),
                        v4 ? 0 : Rtnl.IFA_F_NODAD, Rtnl.RT_SCOPE_UNIVERSE, index))
                .attr(Rtnl.IFA_LOCAL, address)
                .attr(Rtnl.IFA_ADDRESS, address);
        try {
            send("add " + ipvlan.address().getHostAddress() + "/" + ipvlan.prefixLength() + " to " + vmac.name(),
                    request);
        } catch (NativeException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** RTM_NEWLINK that creates the macvlan: name, parent, link group, MAC, kind and private mode. */
    static NlRequest macvlanRequest(VirtualMac vmac, int parentIndex, int group) {
        return new NlRequest(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
                .header(NlRequest.ifinfomsg(Linux.AF_UNSPEC, 0))
                .attrString(Rtnl.IFLA_IFNAME, vmac.name())
                .attrInt(Rtnl.IFLA_LINK, parentIndex)
                .attrInt(Rtnl.IFLA_GROUP, group)
                .attr(Rtnl.IFLA_ADDRESS, vmac.macAddress())
                .attrNested(Rtnl.IFLA_LINKINFO,
                        NlRequest.rtattr(Rtnl.IFLA_INFO_KIND, NlRequest.cString("macvlan")),
                        NlRequest.rtattr(Rtnl.IFLA_INFO_DATA | Rtnl.NLA_F_NESTED,
                                NlRequest.rtattr(Rtnl.IFLA_MACVLAN_MODE, NlRequest.nativeInt(Rtnl.MACVLAN_MODE_PRIVATE))));
    }

    /**
     * keepalived's settings on the VMAC: arp_ignore=1 (answer ARP only for addresses on it),
     * accept_local=1 (hear the other routers' adverts sent from the same MAC), rp_filter=0 (it
     * receives with no address of its own), promote_secondaries=1. An IPv4 VMAC gets no IPv6,
     * so the backup never sends from the virtual MAC (DAD, router solicitations). An ipvlan has
     * its parent's MAC and ARP: keepalived only keeps IPv6 off an IPv4 one.
     */
    private static void configure(VirtualMac vmac) throws IOException {
        if (vmac.ipvlan() != null) {
            if (!vmac.ipv6()) {
                InterfaceSysctls.writeIpv6(vmac.name(), "disable_ipv6", 1);
            }
            return;
        }
        InterfaceSysctls.writeIpv4(vmac.name(), "arp_ignore", 1);
        InterfaceSysctls.writeIpv4(vmac.name(), "accept_local", 1);
        InterfaceSysctls.writeIpv4(vmac.name(), "rp_filter", 0);
        InterfaceSysctls.writeIpv4(vmac.name(), "promote_secondaries", 1);
        if (!vmac.ipv6()) {
            InterfaceSysctls.writeIpv6(vmac.name(), "disable_ipv6", 1);
        }
    }

    private void send(String operation, NlRequest request) throws IOException {
        try (NetlinkRoute nl = NetlinkRoute.open(libc, 0)) {
            nl.acknowledged(operation, request);
        }
    }

    private static NlRequest deleteRequest(VirtualMac vmac) {
        return new NlRequest(Rtnl.RTM_DELLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
                .header(NlRequest.ifinfomsg(Linux.AF_UNSPEC, 0))
                .attrString(Rtnl.IFLA_IFNAME, vmac.name());
    }

    private void deleteQuietly(VirtualMac vmac) {
        try {
            send("delete " + vmac, deleteRequest(vmac));
        } catch (IOException e) {
            // the error being reported is the one that matters
        }
    }
}
