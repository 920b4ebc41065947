package dev.vigil.net.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds one netlink request: nlmsghdr, a fixed family header, then 4-byte aligned rtattrs. */
final class NlRequest {

    private final int type;
    private final int flags;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    NlRequest(int type, int flags) {
        this.type = type;
        this.flags = flags;
    }

    int type() {
        return type;
    }

    int flags() {
        return flags;
    }

    /** The family header (ifaddrmsg, ifinfomsg...), already padded to 4 bytes. */
    NlRequest header(byte[] fixed) {
        body.writeBytes(fixed);
        pad();
        return this;
    }

    NlRequest attr(int attrType, byte[] value) {
        ByteBuffer rta = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
        rta.putShort((short) (4 + value.length)).putShort((short) attrType);
        body.writeBytes(rta.array());
        body.writeBytes(value);
        pad();
        return this;
    }

    /** A nested attribute whose value is the given, already encoded, attributes. */
    NlRequest attrNested(int attrType, byte[]... children) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] child : children) {
            value.writeBytes(child);
        }
        return attr(attrType | Rtnl.NLA_F_NESTED, value.toByteArray());
    }

    /** One rtattr on its own, padded, for the value of a nested attribute. */
    static byte[] rtattr(int attrType, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(NlMessage.align(4 + value.length)).order(ByteOrder.nativeOrder());
        b.putShort((short) (4 + value.length)).putShort((short) attrType).put(value);
        return b.array();
    }

    static byte[] cString(String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return z;
    }

    static byte[] nativeShort(int value) {
        return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array();
    }

    static byte[] nativeInt(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    NlRequest attrString(int attrType, String value) {
        return attr(attrType, cString(value));
    }

    NlRequest attrInt(int attrType, int value) {
        return attr(attrType, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    byte[] build(int seq) {
        byte[] payload = body.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(Rtnl.NLMSG_HDRLEN + payload.length).order(ByteOrder.nativeOrder());
        b.putInt(Rtnl.NLMSG_HDRLEN + payload.length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        b.put(payload);
        return b.array();
    }

    private void pad() {
        while (body.size() % 4 != 0) {
            body.write(0);
        }
    }

    /** struct ifaddrmsg. */
    static byte[] ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        ByteBuffer b = ByteBuffer.allocate(Rtnl.IFADDRMSG_LEN).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index);
        return b.array();
    }

    /**
     * struct rtmsg (routes) and struct fib_rule_hdr (rules) share one layout: family, two prefix
     * lengths, tos, table, then protocol/scope/type for a route or two reserved bytes and the
     * action for a rule, then 32-bit flags.
     */
    static byte[] rtmsg(int family, int dstLength, int srcLength, int table, int fifth, int sixth, int seventh,
            int flags) {
        ByteBuffer b = ByteBuffer.allocate(Rtnl.RTMSG_LEN).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) dstLength).put((byte) srcLength).put((byte) 0).put((byte) table)
                .put((byte) fifth).put((byte) sixth).put((byte) seventh).putInt(flags);
        return b.array();
    }

    /** struct ifa_cacheinfo: preferred and valid lifetimes in seconds (0xffffffff forever), time stamps 0. */
    static byte[] cacheinfo(int preferred, int valid) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(preferred).putInt(valid).putInt(0)
                .putInt(0).array();
    }

    /** struct ifinfomsg. */
    static byte[] ifinfomsg(int family, int index) {
        return ifinfomsg(family, index, 0, 0);
    }

    /** struct ifinfomsg that changes the interface flags selected by {@code change} to {@code flags}. */
    static byte[] ifinfomsg(int family, int index, int flags, int change) {
        ByteBuffer b = ByteBuffer.allocate(Rtnl.IFINFOMSG_LEN).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return b.array();
    }
}
