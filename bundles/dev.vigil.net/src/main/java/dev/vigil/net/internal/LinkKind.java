package dev.vigil.net.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * What an RTM_NEWLINK message says about an interface's type: IFLA_LINKINFO's kind ("macvlan",
 * "ipvlan", "veth"... or null for a physical device), the parent index (IFLA_LINK, 0 when none),
 * the mode of a macvlan or ipvlan and the flags of an ipvlan (-1 when not given).
 */
record LinkKind(String kind, int parentIndex, int mode, int flags) {

    static LinkKind parse(NlMessage m) {
        Map<Integer, byte[]> attrs = m.attributes(Rtnl.IFINFOMSG_LEN);
        int parent = attrs.containsKey(Rtnl.IFLA_LINK) ? nativeInt(attrs.get(Rtnl.IFLA_LINK)) : 0;
        byte[] info = attrs.get(Rtnl.IFLA_LINKINFO);
        if (info == null) {
            return new LinkKind(null, parent, -1, -1);
        }
        Map<Integer, byte[]> linkInfo = NlMessage.nested(info);
        byte[] kindBytes = linkInfo.get(Rtnl.IFLA_INFO_KIND);
        String kind = kindBytes == null ? null : NlMessage.cString(kindBytes);
        byte[] data = linkInfo.get(Rtnl.IFLA_INFO_DATA);
        Map<Integer, byte[]> details = data == null ? Map.of() : NlMessage.nested(data);
        if ("ipvlan".equals(kind)) { // its mode and flags are u16, a macvlan's mode a u32
            return new LinkKind(kind, parent, nativeShort(details.get(Rtnl.IFLA_IPVLAN_MODE)),
                    nativeShort(details.get(Rtnl.IFLA_IPVLAN_FLAGS)));
        }
        byte[] mode = "macvlan".equals(kind) ? details.get(Rtnl.IFLA_MACVLAN_MODE) : null;
        return new LinkKind(kind, parent, mode == null ? -1 : nativeInt(mode), -1);
    }

    boolean macvlan() {
        return "macvlan".equals(kind);
    }

    boolean ipvlan() {
        return "ipvlan".equals(kind);
    }

    private static int nativeInt(byte[] value) {
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
    }

    private static int nativeShort(byte[] value) {
        return value == null || value.length < 2 ? -1
                : Short.toUnsignedInt(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getShort());
    }
}
