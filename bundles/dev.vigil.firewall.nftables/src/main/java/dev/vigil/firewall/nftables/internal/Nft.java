package dev.vigil.firewall.nftables.internal;

import java.io.IOException;

/** Runs one nft script as a single transaction. */
interface Nft {

    /** What nft said. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * @throws IOException when nft cannot be run at all (not installed) or does not finish in time
     */
    Result run(String script) throws IOException;
}
