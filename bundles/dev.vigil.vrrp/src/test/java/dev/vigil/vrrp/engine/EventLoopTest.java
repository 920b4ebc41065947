package dev.vigil.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class EventLoopTest {

    @Test
    void runsEveryTaskOnOneNamedDaemonThreadInOrder() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        try (EventLoop loop = new EventLoop()) {
            for (int i = 0; i < 100; i++) {
                int n = i;
                loop.execute(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName() + "/" + Thread.currentThread().isDaemon());
                });
            }
            loop.run(() -> { }); // a barrier: everything before it has run
        }
        assertThat(order).hasSize(100).isSorted();
        assertThat(threads).containsOnly("vigil-vrrp/true");
    }

    @Test
    void callReturnsTheResultAndRethrowsTheTasksException() throws Exception {
        try (EventLoop loop = new EventLoop("test-loop")) {
            assertThat(loop.call(() -> Thread.currentThread().getName())).isEqualTo("test-loop");
            assertThatThrownBy(() -> loop.call(() -> {
                throw new IOException("no such device");
            })).isInstanceOf(IOException.class).hasMessage("no such device");
            assertThatThrownBy(() -> loop.run(() -> {
                throw new IllegalStateException("bad");
            })).isInstanceOf(IllegalStateException.class).hasMessage("bad");
        }
    }

    @Test
    void callFromTheLoopRunsInlineInsteadOfDeadlocking() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            int nested = loop.call(() -> loop.call(() -> 42));
            assertThat(nested).isEqualTo(42);
            assertThat(loop.call(loop::inLoop)).isTrue();
            assertThat(loop.inLoop()).isFalse();
        }
    }

    @Test
    void aFailingTaskIsReportedAndTheLoopGoesOn() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (EventLoop loop = new EventLoop(failures::add)) {
            loop.execute(() -> {
                throw new IllegalStateException("boom");
            });
            assertThat(loop.call(() -> "still alive")).isEqualTo("still alive");
        }
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
    }

    @Test
    void scheduledTasksRunAndCancelledOnesDoNot() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (EventLoop loop = new EventLoop()) {
            Cancellable cancelled = loop.schedule(() -> ran.add("cancelled"), TimeUnit.MILLISECONDS.toNanos(20));
            loop.schedule(() -> ran.add("kept"), TimeUnit.MILLISECONDS.toNanos(10));
            loop.schedule(done::countDown, TimeUnit.MILLISECONDS.toNanos(60));
            cancelled.cancel();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("kept");
    }

    @Test
    void afterCloseNewWorkIsDroppedAndCallsFail() {
        EventLoop loop = new EventLoop();
        loop.close();

        assertThat(loop.schedule(() -> { }, 1)).isSameAs(Cancellable.NONE);
        loop.execute(() -> { });
        assertThatThrownBy(() -> loop.call(() -> 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nanoTimeIsMonotonic() {
        try (EventLoop loop = new EventLoop()) {
            long a = loop.nanoTime();
            long b = loop.nanoTime();
            assertThat(b).isGreaterThanOrEqualTo(a);
        }
    }
}
