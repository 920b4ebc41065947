package dev.vigil.vrrp.engine;

/** A scheduled task that may still be withdrawn. */
@FunctionalInterface
public interface Cancellable {

    /** Withdraws the task if it has not run yet; harmless when it has. */
    void cancel();

    Cancellable NONE = () -> { };
}
