package dev.vigil.testing.netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tshark capture running in a host namespace. {@link #stop()} ends it by PID and waits until the
 * file is complete; {@link #tshark(String...)} reads it back.
 */
public final class Capture implements AutoCloseable {

    /** Time given to the capture to hand over the last packets before it is stopped. */
    public static final Duration SETTLE = Duration.ofMillis(600);

    private final Proc proc;
    private final Path pcap;

    Capture(Proc proc, Path pcap) {
        this.proc = proc;
        this.pcap = pcap;
    }

    public Path file() {
        return pcap;
    }

    public Proc process() {
        return proc;
    }

    /**
     * Ends the capture and waits until the file is complete. dumpcap hands packets over from the
     * kernel ring in blocks (250 ms read timeout) and does not drain the ring when told to stop,
     * so we first let {@link #SETTLE} pass; then TERM by PID (KILL after 5 s).
     */
    public void stop() {
        if (proc.alive()) {
            ProcessTree.sleep(SETTLE.toMillis());
            proc.signal("TERM");
            if (!proc.waitFor(Duration.ofSeconds(5))) {
                proc.stop(Duration.ofSeconds(1));
            }
        }
        // tshark's dumpcap child writes the file; wait (bounded) for its size to settle.
        long last = -1;
        for (int i = 0; i < 100; i++) {
            long size = size();
            if (size > 0 && size == last) {
                return;
            }
            last = size;
            ProcessTree.sleep(20);
        }
    }

    /** {@code tshark -r FILE args...} (e.g. "-Y", "arp", "-T", "fields", "-e", "arp.src.hw_mac"): its output lines. */
    public List<String> tshark(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        cmd.addAll(Arrays.asList(args));
        Result r = Netns.run(Duration.ofSeconds(60), cmd).orThrow();
        List<String> lines = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private long size() {
        try {
            return Files.exists(pcap) ? Files.size(pcap) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
