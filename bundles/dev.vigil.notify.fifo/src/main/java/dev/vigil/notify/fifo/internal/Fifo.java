package dev.vigil.notify.fifo.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.vigil.script.support.ProcFs;

/**
 * A notify FIFO, held open for writing as keepalived holds it ({@code fifo_open()} in
 * keepalived/core/notify.c): created with mode 0644 when absent (and then removed again on
 * close), refused unless it is a FIFO owned by us or by its configured user, opened read-write
 * so that the open never waits for a reader and a reader that comes and goes never makes a
 * write fail with EPIPE.
 *
 * <p>keepalived writes without blocking and drops a line the pipe has no room for. Java cannot
 * write without blocking to a FIFO, so a write that finds the pipe full (nobody reading) is
 * given {@code writeTimeoutMillis}: then a watchdog closes the channel, which ends the blocked
 * write, the line is dropped with an IOException, and the next write opens the FIFO again.
 */
final class Fifo implements AutoCloseable {

    static final long WRITE_TIMEOUT_MILLIS = 1000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int MAX_WRITES_PER_LINE = 64;

    private final Path path;
    private final String type;
    private final int ownerUid;
    private final boolean created;
    private final long writeTimeoutMillis;
    private final ScheduledExecutorService watchdog;
    private final Object lock = new Object();
    /** Null or closed after a write that found no room: reopened by the next one. */
    private volatile FileChannel channel;
    private volatile boolean closed;

    private Fifo(Path path, String type, int ownerUid, boolean created, long writeTimeoutMillis,
            ScheduledExecutorService watchdog) {
        this.path = path;
        this.type = type;
        this.ownerUid = ownerUid;
        this.created = created;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.watchdog = watchdog;
    }

    /**
     * Creates the FIFO if it is absent: mode 0644, owned by {@code owner} (uid, gid) when given.
     *
     * @return whether it was created here (and is to be removed on close)
     * @throws IOException in keepalived's words, when it could not be created
     */
    static boolean create(Path path, String type, int[] owner, Consumer<String> warn) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0644", "--", path.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                throw new IOException("Unable to create " + type + "notify fifo " + path + ": mkfifo hung");
            }
        } catch (InterruptedException e) {
            mkfifo.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Unable to create " + type + "notify fifo " + path + ": interrupted", e);
        }
        if (mkfifo.exitValue() != 0) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return false; // someone made it meanwhile: checked like any existing one
            }
            throw new IOException("Unable to create " + type + "notify fifo " + path);
        }
        if (owner != null) {
            try {
                Files.setAttribute(path, "unix:uid", owner[0], LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", owner[1], LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | RuntimeException e) {
                warn.accept("Failed to set uid:gid for fifo " + path);
            }
        }
        return true;
    }

    /**
     * Opens a FIFO for writing.
     *
     * @param ownerUid the configured user's uid; a FIFO owned by it or by us is accepted
     * @param watchdog where a stalled write's timeout runs
     * @throws IOException in keepalived's words, when it is not a FIFO we own or cannot be opened
     */
    static Fifo open(Path path, String type, int ownerUid, boolean created, long writeTimeoutMillis,
            ScheduledExecutorService watchdog) throws IOException {
        Fifo fifo = new Fifo(path, type, ownerUid, created, writeTimeoutMillis, watchdog);
        try {
            fifo.channel = fifo.openChannel();
        } catch (IOException e) {
            fifo.close();
            throw e;
        }
        return fifo;
    }

    Path path() {
        return path;
    }

    /** Writes one line, or drops it with an IOException when the pipe has no room within the timeout. */
    void write(String line) throws IOException {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(line);
        synchronized (lock) {
            if (closed) {
                throw new IOException(type + "notify fifo " + path + " is closed");
            }
            FileChannel ch = channel;
            if (ch == null || !ch.isOpen()) {
                ch = openChannel();
                channel = ch;
            }
            FileChannel writing = ch;
            Future<?> dog = watchdog.schedule(() -> closeQuietly(writing), writeTimeoutMillis, TimeUnit.MILLISECONDS);
            try {
                // a line of at most PIPE_BUF bytes goes in one write; a longer one may take a few
                for (int i = 0; i < MAX_WRITES_PER_LINE && bytes.hasRemaining(); i++) {
                    writing.write(bytes);
                }
            } catch (ClosedChannelException e) {
                channel = null;
                throw new IOException(type + "notify fifo write error: no room in " + path + " for "
                        + writeTimeoutMillis + " ms (is anything reading it?); line dropped");
            } finally {
                dog.cancel(false);
            }
            if (bytes.hasRemaining()) {
                throw new IOException(type + "notify fifo write error: line cut short in " + path);
            }
        }
    }

    /** keepalived's order: remove the FIFO we created first, so a reader that reopens finds none; then close. */
    @Override
    public void close() {
        closed = true;
        if (created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // nothing more to do about it
            }
        }
        closeQuietly(channel);
        synchronized (lock) {
            closeQuietly(channel);
            channel = null;
        }
    }

    /** O_RDWR | O_NOFOLLOW: never waits for a reader, never follows a link planted in its place. */
    private FileChannel openChannel() throws IOException {
        Object key = checkOwnFifo();
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("Unable to open " + type + "notify fifo " + path + " - " + e.getMessage(), e);
        }
        if (!Objects.equals(key, checkOwnFifo())) {
            closeQuietly(ch);
            throw new IOException(type + "notify fifo " + path + " is not a fifo we own - not using");
        }
        return ch;
    }

    /** The FIFO's file key when it is a FIFO owned by us or its configured user. */
    private Object checkOwnFifo() throws IOException {
        Map<String, Object> st;
        try {
            st = Files.readAttributes(path, "unix:mode,uid,fileKey", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("Unable to open " + type + "notify fifo " + path + " - " + e.getMessage(), e);
        }
        int mode = (Integer) st.get("mode");
        int uid = (Integer) st.get("uid");
        if ((mode & S_IFMT) != S_IFIFO || (uid != selfUid() && uid != ownerUid)) {
            throw new IOException(type + "notify fifo " + path + " is not a fifo we own - not using");
        }
        return st.get("fileKey");
    }

    private static int selfUid() {
        return ProcFs.selfIds()[0];
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }
}
