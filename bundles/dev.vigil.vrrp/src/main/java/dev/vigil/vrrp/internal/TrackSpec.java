package dev.vigil.vrrp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an instance's {@code trackers} or {@code trackInterfaces} property: {@code NAME},
 * {@code NAME weight=N}, {@code NAME weight=N reverse} (keepalived's own {@code NAME weight N
 * reverse} is read too, and {@code noreverse}). An optional {@code kind=K} names the checker kind
 * for messages when the tracker's bundle is absent.
 *
 * @param name the tracker or interface name
 * @param weight the weight given here, null to use the tracker's own (0 for an interface)
 * @param reverse {@code reverse} / {@code noreverse} given here, null to use the tracker's own
 * @param kind the checker kind if the entry names it, else null
 */
record TrackSpec(String name, Integer weight, Boolean reverse, String kind) {

    /** @throws IllegalArgumentException naming what is wrong with {@code entry} */
    static TrackSpec parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("empty entry");
        }
        String[] words = entry.trim().split("\\s+");
        String name = words[0];
        if (name.contains("=")) {
            throw new IllegalArgumentException("'" + entry + "' does not start with a name");
        }
        Integer weight = null;
        Boolean reverse = null;
        String kind = null;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (w.equals("reverse") || w.equals("noreverse")) {
                reverse = w.equals("reverse");
            } else if (w.startsWith("weight=")) {
                weight = weight(w.substring("weight=".length()), entry);
            } else if (w.equals("weight")) {
                if (i + 1 >= words.length) {
                    throw new IllegalArgumentException("'" + entry + "': weight without a value");
                }
                weight = weight(words[++i], entry);
            } else if (w.startsWith("kind=") && w.length() > "kind=".length()) {
                kind = w.substring("kind=".length());
            } else {
                throw new IllegalArgumentException("'" + entry + "': unknown option '" + w + "'");
            }
        }
        return new TrackSpec(name, weight, reverse, kind);
    }

    private static int weight(String text, String entry) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "': weight '" + text + "' is not an integer");
        }
    }

    /**
     * Parses every entry; a broken one is reported to {@code errors} and left out, as keepalived
     * ignores a track line it cannot read. A name listed twice keeps its first entry.
     */
    static List<TrackSpec> parseAll(String[] entries, java.util.function.Consumer<String> errors) {
        List<TrackSpec> specs = new ArrayList<>();
        if (entries == null) {
            return specs;
        }
        for (String entry : entries) {
            try {
                TrackSpec spec = parse(entry);
                if (specs.stream().anyMatch(s -> s.name().equals(spec.name()))) {
                    errors.accept("duplicate entry for " + spec.name() + " - ignoring '" + entry.trim() + "'");
                } else {
                    specs.add(spec);
                }
            } catch (IllegalArgumentException e) {
                errors.accept(e.getMessage() + " - ignoring");
            }
        }
        return specs;
    }
}
