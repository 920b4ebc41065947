package dev.vigil.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = Backoff.DEFAULT;

    @Test
    void doublesFromHalfASecondUpToTenSeconds() {
        assertThat(backoff.delayMillis(1, 0)).isEqualTo(500);
        assertThat(backoff.delayMillis(2, 0)).isEqualTo(1000);
        assertThat(backoff.delayMillis(3, 0)).isEqualTo(2000);
        assertThat(backoff.delayMillis(6, 0)).isEqualTo(10_000);
        assertThat(backoff.delayMillis(1000, 0)).isEqualTo(10_000);
    }

    @Test
    void jitterTakesOffAtMostHalf() {
        assertThat(backoff.delayMillis(1, 0.999_999)).isEqualTo(251);
        assertThat(backoff.delayMillis(7, 0.5)).isEqualTo(7500);
        for (int retry = 1; retry < 40; retry++) {
            for (double r = 0; r < 1; r += 0.1) {
                assertThat(backoff.delayMillis(retry, r)).isBetween(250L, 10_000L);
            }
        }
    }
}
