package dev.vigil.vrrp.engine;

import java.util.PriorityQueue;

/**
 * Virtual time for tests: tasks run in (due time, submission order) order when the test
 * advances the clock, all on the test's thread. {@link #domain()} hands out schedulers whose
 * tasks can be killed at once, which is how a crashed router's timers vanish.
 */
public final class SimulatedScheduler implements Scheduler {

    /** Runaway guard: no single advance may run more tasks than this. */
    private static final long MAX_TASKS_PER_ADVANCE = 20_000_000L;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long seq;
        final Runnable body;
        boolean cancelled;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            int byTime = Long.compare(due, o.due);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), sequence++, task);
        queue.add(t);
        return t;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0);
    }

    /** Runs every task due up to {@code time} (inclusive) and leaves the clock there. */
    public void runUntil(long time) {
        long ran = 0;
        while (!queue.isEmpty() && queue.peek().due <= time) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            now = Math.max(now, t.due);
            t.body.run();
            if (++ran > MAX_TASKS_PER_ADVANCE) {
                throw new IllegalStateException("runaway simulation at " + now + " ns");
            }
        }
        now = Math.max(now, time);
    }

    public void runFor(long nanos) {
        runUntil(now + nanos);
    }

    public void runForMillis(long millis) {
        runFor(millis * 1_000_000L);
    }

    /** The process is frozen for {@code nanos} (a long GC pause, a VM not scheduled): time passes, nothing runs. */
    public void stall(long nanos) {
        now += nanos;
    }

    /** Runs what is due now (tasks submitted with {@link #execute}). */
    public void runDue() {
        runUntil(now);
    }

    /** Live (not cancelled) tasks still queued. */
    public long pendingTasks() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }

    /** A view of this scheduler whose tasks can all be dropped with {@link Domain#kill()}. */
    public Domain domain() {
        return new Domain();
    }

    public final class Domain implements Scheduler {
        private boolean killed;
        private long live;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            if (killed) {
                return Cancellable.NONE;
            }
            live++;
            return SimulatedScheduler.this.schedule(() -> {
                if (!killed) {
                    task.run();
                }
            }, delayNanos);
        }

        @Override
        public void execute(Runnable task) {
            schedule(task, 0);
        }

        /** Drops every task of this domain, now and later: the process is gone. */
        public void kill() {
            killed = true;
        }

        public boolean killed() {
            return killed;
        }
    }
}
