package dev.vigil.net.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.net.UnknownHostException;
import java.util.Map;

/** One address from an RTM_NEWADDR message. */
record AddressEntry(int family, int prefixLength, int flags, int scope, int index, InetAddress address, String label) {

    boolean secondary() {
        return (flags & Rtnl.IFA_F_SECONDARY) != 0;
    }

    /** IFA_LOCAL is the interface's own address (IFA_ADDRESS is the peer on point-to-point links). */
    static AddressEntry parse(NlMessage m) {
        var b = m.payloadBuffer();
        int family = Byte.toUnsignedInt(b.get(0));
        int prefix = Byte.toUnsignedInt(b.get(1));
        int flags = Byte.toUnsignedInt(b.get(2));
        int scope = Byte.toUnsignedInt(b.get(3));
        int index = b.getInt(4);
        Map<Integer, byte[]> attrs = m.attributes(Rtnl.IFADDRMSG_LEN);
        byte[] raw = attrs.containsKey(Rtnl.IFA_LOCAL) ? attrs.get(Rtnl.IFA_LOCAL) : attrs.get(Rtnl.IFA_ADDRESS);
        byte[] extendedFlags = attrs.get(Rtnl.IFA_FLAGS); // 32-bit flags; the header keeps only 8
        if (extendedFlags != null && extendedFlags.length >= 4) {
            flags = ByteBuffer.wrap(extendedFlags).order(ByteOrder.nativeOrder()).getInt(0);
        }
        byte[] label = attrs.get(Rtnl.IFA_LABEL);
        InetAddress address = null;
        if (raw != null && (raw.length == 4 || raw.length == 16)) {
            try {
                address = InetAddress.getByAddress(raw);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return new AddressEntry(family, prefix, flags, scope, index, address, label == null ? null : NlMessage.cString(label));
    }
}
