package dev.vigil.net.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

import dev.vigil.libc.Linux;
import dev.vigil.api.dataplane.VirtualRoute;
import dev.vigil.api.dataplane.VirtualRule;

/**
 * What identifies a route or a rule in the kernel's RTM_DELROUTE / RTM_DELRULE notifications,
 * and the same identity computed from a configured {@link VirtualRoute} / {@link VirtualRule}, so
 * that one can be compared with the other. Prefixes are compared as networks (host bits masked).
 */
final class DeletedEntries {

    /** The kernel gives an IPv6 route without a metric this one (IP6_RT_PRIO_USER). */
    static final int IPV6_DEFAULT_METRIC = 1024;

    private DeletedEntries() {
    }

    /** A route: family, destination network, table, metric, type and protocol (keepalived's 18 marks ours). */
    record RouteKey(int family, byte[] network, int prefixLength, int table, int metric, int type, int protocol) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RouteKey k && k.family == family && k.prefixLength == prefixLength && k.table == table
                    && k.metric == metric && k.type == type && k.protocol == protocol
                    && Arrays.equals(k.network, network);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(network) * 31 + prefixLength * 7 + table + metric;
        }
    }

    /** A rule: family, priority, action and table, source and destination networks. */
    record RuleKey(int family, long priority, int action, int table, byte[] from, int fromLength, byte[] to,
            int toLength) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RuleKey k && k.family == family && k.priority == priority && k.action == action
                    && k.table == table && k.fromLength == fromLength && k.toLength == toLength
                    && Arrays.equals(k.from, from) && Arrays.equals(k.to, to);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(priority) * 31 + table;
        }
    }

    static RouteKey key(VirtualRoute route) {
        int family = NetlinkRouteManager.family(route.destination());
        int metric = route.metric() == 0 && family == Linux.AF_INET6 ? IPV6_DEFAULT_METRIC : route.metric();
        return new RouteKey(family, network(route.destination().getAddress(), route.prefixLength()),
                route.prefixLength(), route.table(), metric, RouteMessages.type(route.type()), route.protocol());
    }

    static RuleKey key(VirtualRule rule) {
        int family = rule.ipv6() ? Linux.AF_INET6 : Linux.AF_INET;
        int length = rule.ipv6() ? 16 : 4;
        return new RuleKey(family, rule.priority(), RouteMessages.action(rule.action()), rule.table(),
                network(rule.from() == null ? new byte[length] : rule.from().getAddress(), rule.fromLength()),
                rule.from() == null ? 0 : rule.fromLength(),
                network(rule.to() == null ? new byte[length] : rule.to().getAddress(), rule.toLength()),
                rule.to() == null ? 0 : rule.toLength());
    }

    /** Parses an RTM_DELROUTE (struct rtmsg and attributes). */
    static RouteKey route(NlMessage m) {
        ByteBuffer b = m.payloadBuffer();
        int family = Byte.toUnsignedInt(b.get(0));
        int dstLength = Byte.toUnsignedInt(b.get(1));
        int table = Byte.toUnsignedInt(b.get(4));
        int protocol = Byte.toUnsignedInt(b.get(5));
        int type = Byte.toUnsignedInt(b.get(7));
        Map<Integer, byte[]> attrs = m.attributes(Rtnl.RTMSG_LEN);
        table = attrs.containsKey(Rtnl.RTA_TABLE) ? nativeInt(attrs.get(Rtnl.RTA_TABLE)) : table;
        int metric = attrs.containsKey(Rtnl.RTA_PRIORITY) ? nativeInt(attrs.get(Rtnl.RTA_PRIORITY)) : 0;
        byte[] dst = attrs.getOrDefault(Rtnl.RTA_DST, new byte[family == Linux.AF_INET6 ? 16 : 4]);
        return new RouteKey(family, network(dst, dstLength), dstLength, table, metric, type, protocol);
    }

    /** Parses an RTM_DELRULE (struct fib_rule_hdr and attributes). */
    static RuleKey rule(NlMessage m) {
        ByteBuffer b = m.payloadBuffer();
        int family = Byte.toUnsignedInt(b.get(0));
        int dstLength = Byte.toUnsignedInt(b.get(1));
        int srcLength = Byte.toUnsignedInt(b.get(2));
        int table = Byte.toUnsignedInt(b.get(4));
        int action = Byte.toUnsignedInt(b.get(7));
        Map<Integer, byte[]> attrs = m.attributes(Rtnl.RTMSG_LEN);
        table = attrs.containsKey(Rtnl.FRA_TABLE) ? nativeInt(attrs.get(Rtnl.FRA_TABLE)) : table;
        long priority = attrs.containsKey(Rtnl.FRA_PRIORITY)
                ? Integer.toUnsignedLong(nativeInt(attrs.get(Rtnl.FRA_PRIORITY))) : 0;
        int length = family == Linux.AF_INET6 ? 16 : 4;
        byte[] src = attrs.getOrDefault(Rtnl.FRA_SRC, new byte[length]);
        byte[] dst = attrs.getOrDefault(Rtnl.FRA_DST, new byte[length]);
        return new RuleKey(family, priority, action, table, network(src, srcLength), srcLength,
                network(dst, dstLength), dstLength);
    }

    /** The rule's FRA_PROTOCOL, or -1 when the kernel gave none (older kernels). */
    static int ruleProtocol(NlMessage m) {
        byte[] p = m.attributes(Rtnl.RTMSG_LEN).get(Rtnl.FRA_PROTOCOL);
        return p == null || p.length < 1 ? -1 : Byte.toUnsignedInt(p[0]);
    }

    /** The address with the bits beyond {@code length} cleared. */
    static byte[] network(byte[] address, int length) {
        byte[] out = address.clone();
        for (int bit = length; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    private static int nativeInt(byte[] value) {
        return value.length < 4 ? 0 : ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt(0);
    }
}
