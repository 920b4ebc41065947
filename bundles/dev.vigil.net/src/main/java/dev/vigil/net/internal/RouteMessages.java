package dev.vigil.net.internal;

import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;
import dev.vigil.libc.Linux;

/** The RTM_NEWROUTE/DELROUTE and RTM_NEWRULE/DELRULE requests for one route or rule. */
final class RouteMessages {

    private static final int ADD_FLAGS = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL;
    private static final int DEL_FLAGS = Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK;

    private RouteMessages() {
    }

    /**
     * @param deviceIndex the index of the route's device, or null when it names none
     */
    static NlRequest route(VirtualRoute route, boolean add, Integer deviceIndex) {
        int family = NetlinkRouteManager.family(route.destination());
        // A delete asks for scope NOWHERE: the kernel then matches a route of any scope, as keepalived does.
        int scope = add ? route.scope() : Rtnl.RT_SCOPE_NOWHERE;
        int table = route.table() < 256 ? route.table() : Rtnl.RT_TABLE_UNSPEC;
        NlRequest req = new NlRequest(add ? Rtnl.RTM_NEWROUTE : Rtnl.RTM_DELROUTE, add ? ADD_FLAGS : DEL_FLAGS)
                .header(NlRequest.rtmsg(family, route.prefixLength(), 0, table, route.protocol(), scope,
                        type(route.type()), 0))
                .attrInt(Rtnl.RTA_TABLE, route.table());
        if (route.prefixLength() > 0) {
            req.attr(Rtnl.RTA_DST, route.destination().getAddress());
        }
        if (route.gateway() != null) {
            req.attr(Rtnl.RTA_GATEWAY, route.gateway().getAddress());
        }
        if (deviceIndex != null) {
            req.attrInt(Rtnl.RTA_OIF, deviceIndex);
        }
        if (route.source() != null) {
            req.attr(Rtnl.RTA_PREFSRC, route.source().getAddress());
        }
        if (route.metric() != 0) {
            req.attrInt(Rtnl.RTA_PRIORITY, route.metric());
        }
        return req;
    }

    static NlRequest rule(VirtualRule rule, boolean add) {
        int family = rule.ipv6() ? Linux.AF_INET6 : Linux.AF_INET;
        int table = rule.table() < 256 ? rule.table() : Rtnl.RT_TABLE_UNSPEC;
        NlRequest req = new NlRequest(add ? Rtnl.RTM_NEWRULE : Rtnl.RTM_DELRULE, add ? ADD_FLAGS : DEL_FLAGS)
                .header(NlRequest.rtmsg(family, rule.to() == null ? 0 : rule.toLength(),
                        rule.from() == null ? 0 : rule.fromLength(), table, 0, 0, action(rule.action()),
                        rule.invert() ? Rtnl.FIB_RULE_INVERT : 0))
                .attrInt(Rtnl.FRA_PRIORITY, (int) rule.priority())
                .attr(Rtnl.FRA_PROTOCOL, new byte[] {(byte) rule.protocol()});
        if (rule.table() != 0) {
            req.attrInt(Rtnl.FRA_TABLE, rule.table());
        }
        if (rule.from() != null) {
            req.attr(Rtnl.FRA_SRC, rule.from().getAddress());
        }
        if (rule.to() != null) {
            req.attr(Rtnl.FRA_DST, rule.to().getAddress());
        }
        if (rule.fwmark() != -1) {
            req.attrInt(Rtnl.FRA_FWMARK, (int) rule.fwmark());
        }
        if (rule.fwmask() != -1) {
            req.attrInt(Rtnl.FRA_FWMASK, (int) rule.fwmask());
        }
        if (rule.inputInterface() != null) {
            req.attrString(Rtnl.FRA_IIFNAME, rule.inputInterface());
        }
        if (rule.outputInterface() != null) {
            req.attrString(Rtnl.FRA_OIFNAME, rule.outputInterface());
        }
        return req;
    }

    static int type(VirtualRoute.Type type) {
        return switch (type) {
            case UNICAST -> Rtnl.RTN_UNICAST;
            case BLACKHOLE -> Rtnl.RTN_BLACKHOLE;
            case UNREACHABLE -> Rtnl.RTN_UNREACHABLE;
            case PROHIBIT -> Rtnl.RTN_PROHIBIT;
            case THROW -> Rtnl.RTN_THROW;
        };
    }

    static int action(VirtualRule.Action action) {
        return switch (action) {
            case TABLE -> Rtnl.FR_ACT_TO_TBL;
            case BLACKHOLE -> Rtnl.FR_ACT_BLACKHOLE;
            case UNREACHABLE -> Rtnl.FR_ACT_UNREACHABLE;
            case PROHIBIT -> Rtnl.FR_ACT_PROHIBIT;
        };
    }
}
