package dev.vigil.config.keepalived.model;

import dev.vigil.config.keepalived.diag.SourceLocation;

import java.util.Optional;

/** A {@code track_script} line: {@code NAME [weight N [reverse]]}; without a weight the script's own applies. */
public record TrackScriptRef(String name, Optional<Integer> weight, boolean reverse, SourceLocation location) {
}
