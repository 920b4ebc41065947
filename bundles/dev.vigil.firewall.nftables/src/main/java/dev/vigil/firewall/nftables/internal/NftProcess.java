package dev.vigil.firewall.nftables.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code nft} binary with the script on standard input ({@code nft -f -}). Driving the
 * command rather than speaking nf_tables netlink keeps this bundle small and every change
 * readable: each script can be replayed by hand, and nft does the parsing, batching and
 * interface-name lookups. The child inherits the daemon's network namespace. A run that does
 * not finish within the timeout is killed by its own PID.
 */
final class NftProcess implements Nft {

    private final List<String> command;
    private final Duration timeout;

    /** @param command the nft command, e.g. {@code [nft]}; {@code -f -} is appended */
    NftProcess(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    @Override
    public Result run(String script) throws IOException {
        List<String> full = new ArrayList<>(command);
        full.add("-f");
        full.add("-");
        Process process;
        try {
            process = new ProcessBuilder(full).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + String.join(" ", full) + " (is nftables installed?): "
                    + e.getMessage(), e);
        }
        OutputCollector output = new OutputCollector(process.getInputStream());
        output.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nft exited early (and says why in its output)
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                throw new IOException(String.join(" ", full) + " (pid " + process.pid() + ") did not finish within "
                        + timeout.toMillis() + " ms: killed");
            }
            output.join(timeout.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running nft", e);
        }
        return new Result(process.exitValue(), output.text().strip());
    }

    /** Drains nft's merged output so that a chatty nft never blocks on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream stream;
        /** Its methods are synchronized: written here, read by the caller. */
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        OutputCollector(InputStream stream) {
            super("vigil-nft-output");
            setDaemon(true);
            this.stream = stream;
        }

        @Override
        public void run() {
            try (stream) {
                stream.transferTo(bytes);
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
