package dev.vigil.api;

/**
 * How one tracker moves one instance's priority, for status views.
 *
 * @param name the tracker (or interface) name as configured
 * @param kind {@code script}, {@code process}, {@code file}, {@code interface}, {@code http}, ...
 * @param weight the configured weight (0: failure means FAULT)
 * @param reverse keepalived's {@code reverse}: the weight applies the other way round
 * @param up the tracker's last result
 * @param delta what it adds to the base priority now
 * @param detail the tracker's last words, or why it is missing
 */
public record TrackerContribution(String name, String kind, int weight, boolean reverse, boolean up, int delta,
        String detail) {
}
