package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.Optional;

/**
 * One line of a {@code track_script}, {@code track_process}, {@code track_file},
 * {@code track_http}, {@code track_tcp}, {@code track_plugin} or {@code track_interface} block:
 * {@code NAME [weight N [reverse]]}. Without a weight the tracker's own applies.
 *
 * @param list the block keyword the line is in
 */
public record TrackRef(String list, String name, Optional<Integer> weight, boolean reverse, SourceLocation location) {

    /** The contract's form: {@code NAME}, {@code NAME weight=N} or {@code NAME weight=N reverse}. */
    public String contractText() {
        if (weight.isEmpty()) {
            return reverse ? name + " reverse" : name;
        }
        return name + " weight=" + weight.get() + (reverse ? " reverse" : "");
    }
}
