package dev.vigil.net.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * What an RTM_NEWLINK message says about an interface's type: IFLA_LINKINFO's kind ("macvlan",
 * "veth"... or null for a physical device), the parent index (IFLA_LINK, 0 when none) and, for a
 * macvlan, its mode (-1 otherwise).
 */
record LinkKind(String kind, int parentIndex, int macvlanMode) {

    static LinkKind parse(NlMessage m) {
        Map<Integer, byte[]> attrs = m.attributes(Rtnl.IFINFOMSG_LEN);
        int parent = attrs.containsKey(Rtnl.IFLA_LINK) ? nativeInt(attrs.get(Rtnl.IFLA_LINK)) : 0;
        byte[] info = attrs.get(Rtnl.IFLA_LINKINFO);
        if (info == null) {
            return new LinkKind(null, parent, -1);
        }
        Map<Integer, byte[]> linkInfo = NlMessage.nested(info);
        byte[] kind = linkInfo.get(Rtnl.IFLA_INFO_KIND);
        byte[] data = linkInfo.get(Rtnl.IFLA_INFO_DATA);
        int mode = -1;
        if (data != null) {
            byte[] m2 = NlMessage.nested(data).get(Rtnl.IFLA_MACVLAN_MODE);
            mode = m2 == null ? -1 : nativeInt(m2);
        }
        return new LinkKind(kind == null ? null : NlMessage.cString(kind), parent, mode);
    }

    boolean macvlan() {
        return "macvlan".equals(kind);
    }

    private static int nativeInt(byte[] value) {
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
    }
}
