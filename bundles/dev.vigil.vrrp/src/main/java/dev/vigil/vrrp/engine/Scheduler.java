package dev.vigil.vrrp.engine;

/**
 * The protocol thread. Every task runs on one thread, one at a time, in submission order for
 * equal due times, so protocol state needs no locks.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds (virtual in simulations). */
    long nanoTime();

    /** Runs {@code task} on the loop after {@code delayNanos} (0 or less: as soon as possible). */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Runs {@code task} on the loop as soon as possible, after tasks already due. */
    void execute(Runnable task);
}
