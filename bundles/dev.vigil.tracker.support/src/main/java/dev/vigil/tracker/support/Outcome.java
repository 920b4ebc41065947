package dev.vigil.tracker.support;

/** The result of one check, before rise/fall: whether it passed and why, in words. */
public record Outcome(boolean ok, String detail) {

    public static Outcome ok(String detail) {
        return new Outcome(true, detail);
    }

    public static Outcome failed(String detail) {
        return new Outcome(false, detail);
    }
}
