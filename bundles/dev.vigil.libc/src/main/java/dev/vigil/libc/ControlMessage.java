package dev.vigil.libc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One ancillary message (struct cmsghdr + data) from {@link LibC#recvmsg}. */
public record ControlMessage(int level, int type, byte[] data) {

    private static final int CMSG_HEADER = 16; // size_t len, int level, int type (LP64)

    /** Splits the control buffer {@code control[0..length)} into messages. */
    public static List<ControlMessage> parse(byte[] control, int length) {
        List<ControlMessage> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(control).order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset + CMSG_HEADER <= length) {
            long len = b.getLong(offset);
            if (len < CMSG_HEADER || offset + len > length) {
                break;
            }
            int level = b.getInt(offset + 8);
            int type = b.getInt(offset + 12);
            out.add(new ControlMessage(level, type, Arrays.copyOfRange(control, offset + CMSG_HEADER, offset + (int) len)));
            offset += (int) ((len + 7) & ~7L);
        }
        return out;
    }

    /** The data as a native int (e.g. IPV6_HOPLIMIT). */
    public int intValue() {
        return Structs.readNativeInt(data, 0);
    }
}
