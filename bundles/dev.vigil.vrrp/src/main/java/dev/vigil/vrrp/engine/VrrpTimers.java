package dev.vigil.vrrp.engine;

/**
 * The protocol's timer arithmetic, in nanoseconds, as keepalived 2.x computes it
 * ({@code VRRP_TIMER_SKEW} and {@code VRRP_MS_DOWN_TIMER} in vrrp.h).
 */
public final class VrrpTimers {

    public static final long NANOS_PER_CENTI = 10_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private VrrpTimers() {
    }

    public static long centisToNanos(long centis) {
        return centis * NANOS_PER_CENTI;
    }

    /**
     * Skew_Time. v2 (RFC 3768 §6.1): (256 - Priority) / 256 seconds. v3 (RFC 5798 §6.1):
     * ((256 - Priority) * Master_Adver_Interval) / 256. The priority is the effective one
     * (255 for the address owner).
     */
    public static long skewNanos(int version, int priority, int masterAdvertIntervalCentis) {
        long weight = 256L - priority;
        if (version == 2) {
            return weight * NANOS_PER_SECOND / 256;
        }
        return weight * centisToNanos(masterAdvertIntervalCentis) / 256;
    }

    /** Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time. */
    public static long masterDownNanos(int version, int priority, int masterAdvertIntervalCentis) {
        return masterDownNanos(version, priority, masterAdvertIntervalCentis, ProtocolOptions.DEFAULT_DOWN_TIMER_ADVERTS);
    }

    /** keepalived's down_timer_adverts: {@code adverts} * Master_Adver_Interval + Skew_Time. */
    public static long masterDownNanos(int version, int priority, int masterAdvertIntervalCentis, int adverts) {
        return adverts * centisToNanos(masterAdvertIntervalCentis) + skewNanos(version, priority, masterAdvertIntervalCentis);
    }

    /**
     * The down timer of a non-owner configured {@code state MASTER} at start: one advert interval
     * plus the smallest skew (keepalived's {@code master_adver_int + VRRP_TIMER_SKEW_MIN}), so
     * that a running master is heard before this router claims the role.
     */
    public static long initialMasterWaitNanos(int version, int masterAdvertIntervalCentis) {
        return centisToNanos(masterAdvertIntervalCentis) + skewNanos(version, 255, masterAdvertIntervalCentis);
    }
}
