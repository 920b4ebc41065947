package dev.vigil.vrrp.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notifier;
import dev.vigil.api.notify.NotifierQueues.QueueStatus;

/**
 * One notifier's bounded queue and the worker thread that drains it in order. The queue outlives
 * the service: when a notifier bundle is updated the old service goes, the new one (same name)
 * comes back and carries on with what is queued. Offering never blocks: a full queue drops its
 * oldest entry.
 */
final class NotifierQueue {

    /** What the queue reports; called from the offering or the worker thread. */
    interface Events {
        void dropped(String queue, Notification dropped, String why);

        void failed(String queue, Notification notification, Exception error);
    }

    private final String name;
    private final Events events;
    private final Thread worker;
    private final ArrayDeque<Notification> queue = new ArrayDeque<>();

    // Guarded by this.
    private Notifier notifier;
    private Predicate<Notification> scope = n -> true;
    private int capacity;
    private boolean closed;
    private boolean delivering;
    private long accepted;
    private long delivered;
    private long failed;
    private long dropped;

    NotifierQueue(String name, int capacity, Events events) {
        this.name = Objects.requireNonNull(name);
        this.capacity = Math.max(1, capacity);
        this.events = Objects.requireNonNull(events);
        this.worker = new Thread(this::drain, "vigil-notify-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    String name() {
        return name;
    }

    /** Attaches a (new) notifier service; queued notifications go to it from now on. */
    synchronized void bind(Notifier service, Predicate<Notification> wanted, int newCapacity) {
        notifier = Objects.requireNonNull(service);
        scope = Objects.requireNonNull(wanted);
        capacity = Math.max(1, newCapacity);
        while (queue.size() > capacity) {
            dropOldest("queue capacity lowered to " + capacity);
        }
        notifyAll();
    }

    /**
     * Detaches the service if it is the bound one, after giving it up to {@code waitMillis} to
     * deliver what is queued (a service being removed is still usable until its unbind returns);
     * what is still queued then waits for the next service of this name.
     */
    synchronized boolean unbind(Notifier service, long waitMillis) {
        if (notifier != service) {
            return false;
        }
        awaitDrained(waitMillis, () -> notifier == service && !closed);
        if (notifier != service) {
            return false;
        }
        notifier = null;
        return true;
    }

    /**
     * Waits (holding this monitor, which {@code wait} releases) up to {@code waitMillis} until
     * nothing is queued or being delivered, or {@code worthWaiting} turns false.
     */
    private void awaitDrained(long waitMillis, BooleanSupplier worthWaiting) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while ((!queue.isEmpty() || delivering) && worthWaiting.getAsBoolean()) {
            long rest = (deadline - System.nanoTime()) / 1_000_000L;
            if (rest <= 0) {
                return;
            }
            try {
                wait(rest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized boolean bound() {
        return notifier != null;
    }

    /** Queues the notification if this notifier wants it. Never blocks. */
    synchronized void offer(Notification n) {
        if (closed || !scope.test(n)) {
            return;
        }
        if (queue.size() >= capacity) {
            dropOldest("queue full (" + capacity + ")");
        }
        queue.addLast(n);
        accepted++;
        notifyAll();
    }

    private void dropOldest(String why) {
        Notification old = queue.removeFirst();
        dropped++;
        events.dropped(name, old, why);
    }

    /**
     * Waits up to {@code waitMillis} for the queue to empty while a service is bound, then
     * stops the worker; what is left counts as dropped. Returns how many were dropped.
     */
    int close(long waitMillis) {
        List<Notification> left;
        synchronized (this) {
            awaitDrained(waitMillis, () -> notifier != null);
            closed = true;
            left = List.copyOf(queue);
            queue.clear();
            dropped += left.size();
            notifyAll();
        }
        for (Notification n : left) {
            events.dropped(name, n, "notifier closed before delivery");
        }
        worker.interrupt();
        return left.size();
    }

    synchronized QueueStatus status() {
        return new QueueStatus(name, notifier != null, capacity, queue.size(), accepted, delivered, failed, dropped);
    }

    private void drain() {
        while (true) {
            Notification next;
            Notifier target;
            synchronized (this) {
                while (!closed && (queue.isEmpty() || notifier == null)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        if (closed) {
                            return;
                        }
                    }
                }
                if (closed) {
                    return;
                }
                next = queue.removeFirst();
                target = notifier;
                delivering = true;
            }
            Exception error = null;
            try {
                target.deliver(next);
            } catch (InterruptedException e) {
                error = e;
                if (!closedNow()) {
                    Thread.interrupted();
                }
            } catch (Exception e) {
                error = e;
            } catch (LinkageError e) {
                // The notifier's bundle went away under the call.
                error = new IllegalStateException(e);
            }
            synchronized (this) {
                delivering = false;
                if (error == null) {
                    delivered++;
                } else {
                    failed++;
                }
                notifyAll();
            }
            if (error != null) {
                events.failed(name, next, error);
            }
        }
    }

    private synchronized boolean closedNow() {
        return closed;
    }
}
