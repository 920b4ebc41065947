package dev.vigil.shell.ctl;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The control socket's protocol, one exchange per connection. The client sends one line, UTF-8:
 * {@code RUN <gogo command line>} or {@code COMMANDS} (the command names, for completion). The
 * daemon answers with frames of {@code [type byte][length int32 big-endian][payload]}: {@link #OUT}
 * and {@link #ERR} carry text, {@link #EXIT} carries the status (int32) and ends the answer.
 */
public final class Protocol {

    public static final byte OUT = 'O';
    public static final byte ERR = 'E';
    public static final byte EXIT = 'X';
    public static final String RUN = "RUN ";
    public static final String COMMANDS = "COMMANDS";
    /** Longest request line the daemon reads. */
    public static final int MAX_REQUEST = 64 * 1024;
    /** Largest frame the client accepts. */
    public static final int MAX_FRAME = 64 * 1024 * 1024;
    /** The socket's file name in the state dir. */
    public static final String SOCKET_NAME = "vigil.sock";

    private Protocol() {
    }

    public static void writeFrame(WritableByteChannel ch, byte type, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + payload.length);
        b.put(type).putInt(payload.length).put(payload).flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    public static void writeExit(WritableByteChannel ch, int status) throws IOException {
        writeFrame(ch, EXIT, ByteBuffer.allocate(4).putInt(status).array());
    }

    /** One frame: its type and payload. */
    public record Frame(byte type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int status() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    public static Frame readFrame(ReadableByteChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5);
        readFully(ch, head);
        head.flip();
        byte type = head.get();
        int len = head.getInt();
        if (len < 0 || len > MAX_FRAME) {
            throw new IOException("bad frame length " + len);
        }
        ByteBuffer body = ByteBuffer.allocate(len);
        readFully(ch, body);
        return new Frame(type, body.array());
    }

    private static void readFully(ReadableByteChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException("the daemon closed the connection");
            }
        }
    }

    /** Reads one request line (without its newline), at most {@link #MAX_REQUEST} bytes. */
    public static String readLine(ReadableByteChannel ch) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                break;
            }
            byte c = one.get(0);
            if (c == '\n') {
                break;
            }
            if (line.size() >= MAX_REQUEST) {
                throw new IOException("request longer than " + MAX_REQUEST + " bytes");
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
