package dev.vigil.net.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One received netlink message: header fields and the payload after nlmsghdr. */
record NlMessage(int type, int flags, int seq, int portId, byte[] payload) {

    /** Splits a datagram into messages; stops at the first malformed length. */
    static List<NlMessage> split(byte[] buffer, int length) {
        List<NlMessage> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset + Rtnl.NLMSG_HDRLEN <= length) {
            int len = b.getInt(offset);
            if (len < Rtnl.NLMSG_HDRLEN || offset + len > length) {
                break;
            }
            int type = Short.toUnsignedInt(b.getShort(offset + 4));
            int flags = Short.toUnsignedInt(b.getShort(offset + 6));
            int seq = b.getInt(offset + 8);
            int pid = b.getInt(offset + 12);
            out.add(new NlMessage(type, flags, seq, pid, Arrays.copyOfRange(buffer, offset + Rtnl.NLMSG_HDRLEN, offset + len)));
            offset += align(len);
        }
        return out;
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
    }

    /** NLMSG_ERROR / NLMSG_DONE: the (negative) errno, 0 for an ACK. */
    int errorCode() {
        return payload.length >= 4 ? payloadBuffer().getInt(0) : 0;
    }

    /** The rtattrs after a fixed header of {@code headerLength} bytes; the last of a type wins. */
    Map<Integer, byte[]> attributes(int headerLength) {
        return attributes(payload, align(headerLength));
    }

    /** The rtattrs inside a nested attribute's value. */
    static Map<Integer, byte[]> nested(byte[] value) {
        return attributes(value, 0);
    }

    private static Map<Integer, byte[]> attributes(byte[] payload, int start) {
        Map<Integer, byte[]> attrs = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int offset = start;
        while (offset + 4 <= payload.length) {
            int len = Short.toUnsignedInt(b.getShort(offset));
            int type = Short.toUnsignedInt(b.getShort(offset + 2)) & 0x3fff; // drop NLA_F_NESTED / NET_BYTEORDER
            if (len < 4 || offset + len > payload.length) {
                break;
            }
            attrs.put(type, Arrays.copyOfRange(payload, offset + 4, offset + len));
            offset += align(len);
        }
        return attrs;
    }

    static String cString(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.US_ASCII);
    }
}
