package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notifier;
import dev.vigil.api.notify.NotifierQueues.QueueStatus;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.testing.osgi.RecordingLogger;

class NotificationDispatcherTest {

    private final List<String> logLines = RecordingLogger.lines();
    private final NotificationDispatcher dispatcher =
            new NotificationDispatcher(RecordingLogger.into(logLines), 300, 200);
    private final List<CountDownLatch> toRelease = new ArrayList<>();

    @AfterEach
    void release() {
        toRelease.forEach(CountDownLatch::countDown);
        dispatcher.deactivate();
    }

    @Test
    void everyNotifierGetsEveryNotificationInOrderWithPerInstanceSequences() {
        Recording a = new Recording();
        Recording b = new Recording();
        dispatcher.addNotifier(a, props("a", null, null));
        dispatcher.addNotifier(b, props("b", null, null));
        for (int i = 0; i < 100; i++) {
            dispatcher.publish(change("VI_1", i % 2 == 0 ? NotifyState.MASTER : NotifyState.BACKUP));
            dispatcher.publish(change("VI_2", NotifyState.FAULT));
        }
        await(() -> a.got.size() == 200 && b.got.size() == 200);
        assertThat(a.got).isEqualTo(b.got);
        List<Long> vi1 = a.got.stream().filter(n -> n.name().equals("VI_1")).map(Notification::sequence).toList();
        assertThat(vi1).hasSize(100);
        for (int i = 0; i < vi1.size(); i++) {
            assertThat(vi1.get(i)).isEqualTo(i + 1L);
        }
        assertThat(a.got.stream().filter(n -> n.name().equals("VI_1")).map(Notification::to).limit(4))
                .containsExactly(NotifyState.MASTER, NotifyState.BACKUP, NotifyState.MASTER, NotifyState.BACKUP);
        assertThat(status("a")).isEqualTo(new QueueStatus("a", true, 256, 0, 200, 200, 0, 0));
    }

    @Test
    void aHungNotifierDelaysNeitherThePublisherNorAnotherNotifier() {
        Hung hung = new Hung();
        Recording fine = new Recording();
        dispatcher.addNotifier(hung, props("hung", null, 10));
        dispatcher.addNotifier(fine, props("fine", null, null));
        // If publish waited for a notifier, this would never finish.
        dispatcher.publish(change("VI_1", NotifyState.MASTER));
        await(() -> hung.entered.getCount() == 0);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 1; i < 50; i++) {
                dispatcher.publish(change("VI_1", NotifyState.MASTER));
            }
        });
        await(() -> fine.got.size() == 50);
        QueueStatus s = status("hung");
        assertThat(s.accepted()).isEqualTo(50);
        assertThat(s.delivered()).isZero();
        // One is stuck in delivery, ten wait, the rest were pushed out oldest first.
        assertThat(s.queued()).isEqualTo(10);
        assertThat(s.dropped()).isEqualTo(39);
        assertThat(logLines).anyMatch(l -> l.startsWith("WARN notifier hung: dropped instance:VI_1 #2 ")
                && l.endsWith("queue full (10)"));
    }

    @Test
    void aFullQueueKeepsTheNewest() {
        Hung hung = new Hung();
        dispatcher.addNotifier(hung, props("hung", null, 3));
        dispatcher.publish(change("VI_1", NotifyState.MASTER));
        await(() -> hung.entered.getCount() == 0);
        for (int i = 1; i < 10; i++) {
            dispatcher.publish(change("VI_1", NotifyState.MASTER));
        }
        hung.release.countDown();
        await(() -> status("hung").delivered() == 4);
        assertThat(hung.got.stream().map(Notification::sequence)).containsExactly(1L, 8L, 9L, 10L);
        assertThat(status("hung").dropped()).isEqualTo(6);
    }

    @Test
    void scopeSelectsInstancesAndGroups() {
        Recording vi1 = new Recording();
        Recording group = new Recording();
        Recording all = new Recording();
        dispatcher.addNotifier(vi1, props("vi1", new String[] {"instance:VI_1"}, null));
        dispatcher.addNotifier(group, props("g", new String[] {"group:G1"}, null));
        dispatcher.addNotifier(all, props("all", new String[] {"*"}, null));
        dispatcher.publish(change("VI_1", NotifyState.MASTER));
        dispatcher.publish(change("VI_2", NotifyState.MASTER));
        dispatcher.publish(new Notification(Notification.Scope.GROUP, "G1", NotifyState.BACKUP, NotifyState.MASTER, 0,
                List.of(), "r1", Instant.now(), 1, "sync"));
        await(() -> all.got.size() == 3 && vi1.got.size() == 1 && group.got.size() == 1);
        assertThat(vi1.got.get(0).name()).isEqualTo("VI_1");
        assertThat(group.got.get(0).key()).isEqualTo("group:G1");
    }

    @Test
    void aNotifierWithoutTheEventsPropertyNeverGetsTheNewEvents() {
        Recording legacy = new Recording();
        Recording optedIn = new Recording();
        dispatcher.addNotifier(legacy, props("legacy", null, null));
        Map<String, Object> wantsAll = props("fifo", null, null);
        wantsAll.put(Notifier.EVENTS_PROPERTY, new String[] {"STATE", "MASTER_RX_LOWER_PRI", "PRIORITY"});
        dispatcher.addNotifier(optedIn, wantsAll);
        dispatcher.publish(event(Notification.Event.MASTER_RX_LOWER_PRI, NotifyState.MASTER));
        dispatcher.publish(event(Notification.Event.PRIORITY, NotifyState.BACKUP));
        dispatcher.publish(change("VI_1", NotifyState.MASTER));
        await(() -> optedIn.got.size() == 3 && legacy.got.size() == 1);
        assertThat(legacy.got).map(Notification::event).containsExactly(Notification.Event.STATE);
        // no gap: the state changes are numbered apart from the events
        assertThat(legacy.got.get(0).sequence()).isEqualTo(1);
        assertThat(optedIn.got).map(Notification::event).containsExactly(Notification.Event.MASTER_RX_LOWER_PRI,
                Notification.Event.PRIORITY, Notification.Event.STATE);
        assertThat(status("legacy").accepted()).isEqualTo(1);
    }

    @Test
    void eventsAreNumberedPerKindApartFromTheStateChanges() {
        String key = Notification.key(Notification.Scope.INSTANCE, "VI_9");
        assertThat(dispatcher.nextSequence(Notification.Event.STATE, key)).isEqualTo(1);
        assertThat(dispatcher.nextSequence(Notification.Event.PRIORITY, key)).isEqualTo(1);
        assertThat(dispatcher.nextSequence(Notification.Event.MASTER_RX_LOWER_PRI, key)).isEqualTo(1);
        assertThat(dispatcher.nextSequence(Notification.Event.PRIORITY, key)).isEqualTo(2);
        assertThat(dispatcher.nextSequence(key)).as("the state changes' own counter").isEqualTo(2);
    }

    @Test
    void theEventsPropertyNamesExactlyWhatIsDeliveredAndSkipsUnknownNames() {
        Recording lowerOnly = new Recording();
        Map<String, Object> p = props("script", null, null);
        p.put(Notifier.EVENTS_PROPERTY, "MASTER_RX_LOWER_PRI");
        dispatcher.addNotifier(lowerOnly, p);
        Recording future = new Recording();
        Map<String, Object> f = props("future", null, null);
        f.put(Notifier.EVENTS_PROPERTY, List.of("STATE", "SOMETHING_LATER"));
        dispatcher.addNotifier(future, f);
        dispatcher.publish(change("VI_1", NotifyState.MASTER));
        dispatcher.publish(event(Notification.Event.PRIORITY, NotifyState.MASTER));
        dispatcher.publish(event(Notification.Event.MASTER_RX_LOWER_PRI, NotifyState.MASTER));
        await(() -> lowerOnly.got.size() == 1 && future.got.size() == 1);
        // filtered when offered: what is not accepted is never queued
        assertThat(status("script").accepted()).isEqualTo(1);
        assertThat(status("future").accepted()).isEqualTo(1);
        assertThat(lowerOnly.got).map(Notification::event).containsExactly(Notification.Event.MASTER_RX_LOWER_PRI);
        assertThat(future.got).map(Notification::event).containsOnly(Notification.Event.STATE);
    }

    @Test
    void aFailingDeliveryIsCountedAndTheNextOneStillGoes() {
        Recording flaky = new Recording() {
            @Override
            public void deliver(Notification n) throws Exception {
                super.deliver(n);
                if (n.sequence() == 1) {
                    throw new java.io.IOException("connection refused");
                }
            }
        };
        dispatcher.addNotifier(flaky, props("flaky", null, null));
        dispatcher.publish(change("VI_1", NotifyState.MASTER));
        dispatcher.publish(change("VI_1", NotifyState.BACKUP));
        await(() -> status("flaky").delivered() == 1);
        assertThat(status("flaky").failed()).isEqualTo(1);
        assertThat(logLines).anyMatch(l -> l.contains("notifier flaky: delivering instance:VI_1 #1")
                && l.contains("connection refused"));
    }

    @Test
    void anUpdatedNotifierBundleDeliversWhatWasQueuedBeforeTheSwap() {
        Hung old = new Hung();
        Map<String, Object> props = props("script:instance:VI_1", null, null);
        dispatcher.addNotifier(old, props);
        for (int i = 0; i < 5; i++) {
            dispatcher.publish(change("VI_1", NotifyState.MASTER));
        }
        await(() -> old.entered.getCount() == 0);
        // The old service is unregistered while its first delivery hangs...
        dispatcher.removeNotifier(old, props);
        assertThat(status("script:instance:VI_1").bound()).isFalse();
        old.release.countDown();
        dispatcher.publish(change("VI_1", NotifyState.BACKUP));
        // ...and the new one, same name, picks up the rest in order.
        Recording replacement = new Recording();
        dispatcher.addNotifier(replacement, props);
        await(() -> replacement.got.size() == 5);
        assertThat(replacement.got.stream().map(Notification::sequence)).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(old.got.stream().map(Notification::sequence)).containsExactly(1L);
        QueueStatus s = status("script:instance:VI_1");
        assertThat(s.delivered()).isEqualTo(6);
        assertThat(s.dropped()).isZero();
    }

    @Test
    void aRemovedNotifierGetsTimeToDrainItsQueue() {
        Recording slowButFine = new Recording() {
            @Override
            public void deliver(Notification n) throws Exception {
                Thread.sleep(20);
                super.deliver(n);
            }
        };
        Map<String, Object> props = props("slow", null, null);
        dispatcher.addNotifier(slowButFine, props);
        for (int i = 0; i < 3; i++) {
            dispatcher.publish(change("VI_1", NotifyState.MASTER));
        }
        dispatcher.removeNotifier(slowButFine, props);
        assertThat(slowButFine.got).hasSize(3);
    }

    @Test
    void aNotifierThatNeverComesBackHasItsQueueCountedAsDropped() {
        Hung gone = new Hung();
        Map<String, Object> props = props("gone", null, null);
        dispatcher.addNotifier(gone, props);
        for (int i = 0; i < 4; i++) {
            dispatcher.publish(change("VI_1", NotifyState.MASTER));
        }
        await(() -> gone.entered.getCount() == 0);
        dispatcher.removeNotifier(gone, props);
        // the queue leaves the list just before its rest is counted and logged: wait for the line
        await(() -> logLines.contains("WARN notifier gone did not come back: 3 queued notifications dropped"));
        assertThat(dispatcher.queues()).isEmpty();
    }

    @Test
    void stoppingWaitsForQueuedNotificationsThenCountsTheRest() {
        Recording fine = new Recording();
        Hung hung = new Hung();
        dispatcher.addNotifier(fine, props("fine", null, null));
        dispatcher.addNotifier(hung, props("hung", null, null));
        dispatcher.publish(change("VI_1", NotifyState.STOP));
        dispatcher.publish(change("VI_2", NotifyState.STOP));
        dispatcher.deactivate();
        assertThat(fine.got).hasSize(2);
        assertThat(logLines).anyMatch(l -> l.equals("WARN notifier hung: stopping with 1 notifications undelivered"));
    }

    // ---------------------------------------------------------------- helpers

    private Notification change(String instance, NotifyState to) {
        String key = Notification.key(Notification.Scope.INSTANCE, instance);
        return new Notification(Notification.Scope.INSTANCE, instance, NotifyState.BACKUP, to, 100,
                List.of("198.51.100.10/24"), "r1", Instant.now(), dispatcher.nextSequence(key), "test");
    }

    private Notification event(Notification.Event event, NotifyState state) {
        String key = Notification.key(Notification.Scope.INSTANCE, "VI_1") + "#" + event;
        return new Notification(event, Notification.Scope.INSTANCE, "VI_1", state, state, 90,
                List.of("198.51.100.10/24"), "r1", Instant.now(), dispatcher.nextSequence(key), "test");
    }

    private static Map<String, Object> props(String name, String[] scope, Integer capacity) {
        Map<String, Object> p = new HashMap<>();
        p.put(Notifier.NAME_PROPERTY, name);
        if (scope != null) {
            p.put(Notifier.SCOPE_PROPERTY, scope);
        }
        if (capacity != null) {
            p.put(Notifier.QUEUE_CAPACITY_PROPERTY, capacity);
        }
        return p;
    }

    private QueueStatus status(String name) {
        return dispatcher.queues().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static class Recording implements Notifier {
        final List<Notification> got = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(Notification n) throws Exception {
            got.add(n);
        }
    }

    /** Blocks in its first delivery until released. */
    private final class Hung extends Recording {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Hung() {
            toRelease.add(release);
        }

        @Override
        public void deliver(Notification n) throws Exception {
            super.deliver(n);
            entered.countDown();
            release.await(60, TimeUnit.SECONDS);
        }
    }
}
