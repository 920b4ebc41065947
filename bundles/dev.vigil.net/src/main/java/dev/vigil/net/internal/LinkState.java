package dev.vigil.net.internal;

import java.util.Map;

import dev.vigil.libc.Linux;

/** What an RTM_NEWLINK message says about one interface. */
record LinkState(int index, String name, int flags, byte[] hardwareAddress, int group) {

    /** Administratively up and running (carrier). */
    boolean up() {
        return (flags & Linux.IFF_UP) != 0 && (flags & Linux.IFF_RUNNING) != 0;
    }

    /** Parses an RTM_NEWLINK / RTM_DELLINK payload (ifinfomsg + attributes). */
    static LinkState parse(NlMessage m) {
        var b = m.payloadBuffer();
        int index = b.getInt(4);
        int flags = b.getInt(8);
        Map<Integer, byte[]> attrs = m.attributes(Rtnl.IFINFOMSG_LEN);
        byte[] name = attrs.get(Rtnl.IFLA_IFNAME);
        byte[] group = attrs.get(Rtnl.IFLA_GROUP);
        return new LinkState(index, name == null ? null : NlMessage.cString(name), flags, attrs.get(Rtnl.IFLA_ADDRESS),
                group == null ? 0 : java.nio.ByteBuffer.wrap(group).order(java.nio.ByteOrder.nativeOrder()).getInt());
    }
}
