package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.vrrp.internal.Weights.Effect;

/** keepalived's table (keepalived.conf(5), vrrp_track.c, track_file.c), row by row. */
class WeightsTest {

    @Test
    void positiveWeightAddsWhileUp() {
        assertThat(Weights.ofCheck(2, false, true)).isEqualTo(new Effect(2, false));
        assertThat(Weights.ofCheck(2, false, false)).isEqualTo(new Effect(0, false));
    }

    @Test
    void negativeWeightSubtractsWhileDown() {
        assertThat(Weights.ofCheck(-20, false, true)).isEqualTo(new Effect(0, false));
        assertThat(Weights.ofCheck(-20, false, false)).isEqualTo(new Effect(-20, false));
    }

    @Test
    void reverseTurnsTheAdjustmentRound() {
        // +ve reverse: up lowers the priority; -ve reverse: down raises it
        assertThat(Weights.ofCheck(5, true, true)).isEqualTo(new Effect(-5, false));
        assertThat(Weights.ofCheck(5, true, false)).isEqualTo(new Effect(0, false));
        assertThat(Weights.ofCheck(-5, true, true)).isEqualTo(new Effect(0, false));
        assertThat(Weights.ofCheck(-5, true, false)).isEqualTo(new Effect(5, false));
    }

    @Test
    void weightZeroIsFaultWhileDownOrWhileUpWhenReversed() {
        assertThat(Weights.ofCheck(0, false, false).fault()).isTrue();
        assertThat(Weights.ofCheck(0, false, true).fault()).isFalse();
        assertThat(Weights.ofCheck(0, true, true).fault()).isTrue();
        assertThat(Weights.ofCheck(0, true, false).fault()).isFalse();
        assertThat(Weights.ofCheck(0, false, false).delta()).isZero();
    }

    @Test
    void valueTimesWeightCappedAt253AndFaultAtMinus254() {
        assertThat(Weights.ofValue(3, false, 5)).isEqualTo(new Effect(15, false));
        assertThat(Weights.ofValue(3, true, 5)).isEqualTo(new Effect(-15, false));
        assertThat(Weights.ofValue(-2, false, 5)).isEqualTo(new Effect(-10, false));
        assertThat(Weights.ofValue(1, false, 1000)).isEqualTo(new Effect(253, false));
        assertThat(Weights.ofValue(1, false, -253)).isEqualTo(new Effect(-253, false));
        assertThat(Weights.ofValue(1, false, -254).fault()).isTrue();
        assertThat(Weights.ofValue(254, false, -1).fault()).isTrue();
        assertThat(Weights.ofValue(1, false, 0)).isEqualTo(new Effect(0, false));
        assertThat(Weights.ofValue(254, false, Integer.MIN_VALUE).fault()).isTrue();
        assertThat(Weights.ofValue(254, false, Integer.MAX_VALUE)).isEqualTo(new Effect(253, false));
    }

    @Test
    void valueWithWeightZeroIsFaultOnNonZeroOrOnZeroWhenReversed() {
        assertThat(Weights.ofValue(0, false, 0).fault()).isFalse();
        assertThat(Weights.ofValue(0, false, 7).fault()).isTrue();
        assertThat(Weights.ofValue(0, false, -1).fault()).isTrue();
        assertThat(Weights.ofValue(0, true, 0).fault()).isTrue();
        assertThat(Weights.ofValue(0, true, 7).fault()).isFalse();
    }

    @Test
    void sumDoesNotOverflow() {
        assertThat(Weights.sum(List.of(new Effect(253, false), new Effect(-20, false), new Effect(2, false))))
                .isEqualTo(235);
        assertThat(Weights.sum(List.of(new Effect(Integer.MAX_VALUE, false), new Effect(Integer.MAX_VALUE, false))))
                .isPositive();
    }
}
