package dev.vigil.vrrp.internal;

/**
 * keepalived's arithmetic for what one tracked thing does to an instance (vrrp_track.c,
 * track_file.c): the priority delta it adds, or FAULT.
 *
 * <pre>
 *  weight  reverse   up        down
 *   &gt; 0     no      +weight   0
 *   &lt; 0     no      0         weight (subtracts)
 *   &gt; 0     yes     -weight   0
 *   &lt; 0     yes     0         -weight (adds)
 *   0       no      0         FAULT
 *   0       yes     FAULT     0
 * </pre>
 *
 * A value tracker ({@code track_file}) adds {@code value × weight} (negated by reverse), FAULT
 * when that is -254 or less, at most 253; with weight 0 a non-zero value is FAULT (reverse: a
 * zero value is).
 */
final class Weights {

    /** keepalived's ceiling for one tracked file's contribution. */
    static final int MAX_FILE_DELTA = 253;
    /** At or below this, a tracked file puts the instance in FAULT. */
    static final int FILE_FAULT = -254;

    /** @param fault true when this tracked thing holds the instance in FAULT (delta is then 0) */
    record Effect(int delta, boolean fault) {
        static final Effect NONE = new Effect(0, false);
        static final Effect FAULT = new Effect(0, true);
    }

    private Weights() {
    }

    /** An up/down check or interface. */
    static Effect ofCheck(int weight, boolean reverse, boolean up) {
        if (weight == 0) {
            return up == reverse ? Effect.FAULT : Effect.NONE;
        }
        int delta = weight > 0 ? (up ? weight : 0) : (up ? 0 : weight);
        return new Effect(reverse ? -delta : delta, false);
    }

    /** A value tracker reporting {@code value}. */
    static Effect ofValue(int weight, boolean reverse, long value) {
        if (weight == 0) {
            return (value != 0) != reverse ? Effect.FAULT : Effect.NONE;
        }
        long status = value * weight * (reverse ? -1L : 1L);
        if (status <= FILE_FAULT) {
            return Effect.FAULT;
        }
        return new Effect((int) Math.min(status, MAX_FILE_DELTA), false);
    }

    /** The sum of deltas as an int (the engine clamps the effective priority to 1..254 anyway). */
    static int sum(Iterable<Effect> effects) {
        long total = 0;
        for (Effect e : effects) {
            total += e.delta();
        }
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, total));
    }
}
