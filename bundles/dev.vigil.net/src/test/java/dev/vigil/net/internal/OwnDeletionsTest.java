package dev.vigil.net.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class OwnDeletionsTest {

    private final AtomicLong now = new AtomicLong();
    private final OwnDeletions own = new OwnDeletions(now::get);

    @Test
    void aDeletionIsOursForTheWindowOnly() {
        own.deleting("a");
        now.addAndGet(OwnDeletions.WINDOW_NANOS);
        assertThat(own.ours("a")).isTrue();
        now.incrementAndGet();
        assertThat(own.ours("a")).isFalse();
    }

    @Test
    void aDeleteThatFoundNothingLeavesNoNote() {
        own.deleting("a");
        own.notDeleted("a");
        assertThat(own.ours("a")).isFalse();
        assertThat(own.ours("b")).isFalse();
    }
}
