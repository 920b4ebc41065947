package dev.vigil.tracker.tcp.internal;

/** The result of one check, before rise/fall: whether it passed and why, in words. */
record Outcome(boolean ok, String detail) {

    static Outcome ok(String detail) {
        return new Outcome(true, detail);
    }

    static Outcome failed(String detail) {
        return new Outcome(false, detail);
    }
}
