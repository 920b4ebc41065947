package dev.vigil.net.internal;

/** rtnetlink constants (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h). */
final class Rtnl {
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;

    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    /** RTNLGRP_IPV4_RULE (8) as a bind(2) group bit. */
    static final int RTMGRP_IPV4_RULE = 1 << (8 - 1);
    static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final int RTMGRP_IPV6_ROUTE = 0x400;
    /** RTNLGRP_IPV6_RULE (19) as a bind(2) group bit. */
    static final int RTMGRP_IPV6_RULE = 1 << (19 - 1);

    /** No such route: what RTM_DELROUTE answers for a route that is not there (libc's Errno lacks it). */
    static final int ESRCH = 3;

    /** struct rtmsg and struct fib_rule_hdr: eight bytes, then 32-bit flags. */
    static final int RTMSG_LEN = 12;
    static final int RTA_DST = 1;
    static final int RTA_SRC = 2;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_TABLE = 15;
    static final int RT_TABLE_UNSPEC = 0;
    static final int RTN_UNICAST = 1;
    static final int RTN_BLACKHOLE = 6;
    static final int RTN_UNREACHABLE = 7;
    static final int RTN_PROHIBIT = 8;
    static final int RTN_THROW = 9;

    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_IIFNAME = 3;
    static final int FRA_PRIORITY = 6;
    static final int FRA_FWMARK = 10;
    static final int FRA_TABLE = 15;
    static final int FRA_FWMASK = 16;
    static final int FRA_OIFNAME = 17;
    static final int FRA_PROTOCOL = 21;
    static final int FR_ACT_TO_TBL = 1;
    static final int FR_ACT_BLACKHOLE = 6;
    static final int FR_ACT_UNREACHABLE = 7;
    static final int FR_ACT_PROHIBIT = 8;
    static final int FIB_RULE_INVERT = 0x2;

    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    static final int IFINFOMSG_LEN = 16;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_LINK = 5;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_GROUP = 27;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_MACVLAN_MODE = 1;
    static final int MACVLAN_MODE_PRIVATE = 1;
    static final int IFLA_IPVLAN_MODE = 1;
    static final int IFLA_IPVLAN_FLAGS = 2;
    static final int IPVLAN_MODE_L2 = 0;
    static final int IPVLAN_F_PRIVATE = 1;
    static final int IPVLAN_F_VEPA = 2;
    static final int NLA_F_NESTED = 0x8000;

    /** struct ifaddrmsg: family, prefixlen, flags, scope, index. */
    static final int IFADDRMSG_LEN = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_FLAGS = 8;
    static final int IFA_F_SECONDARY = 0x01;
    static final int IFA_F_NODAD = 0x02;
    static final int IFA_F_HOMEADDRESS = 0x10;
    static final int IFA_F_MANAGETEMPADDR = 0x100;
    static final int IFA_F_NOPREFIXROUTE = 0x200;
    static final int IFA_F_MCAUTOJOIN = 0x400;

    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int RT_SCOPE_HOST = 254;
    static final int RT_SCOPE_NOWHERE = 255;

    private Rtnl() {
    }
}
