package dev.vigil.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.Notification.Scope;
import dev.vigil.api.notify.NotifyState;

/** keepalived 2.x's alert subjects and bodies, which operators' mail filters match on. */
class KeepalivedAlertTest {

    static Notification change(Scope scope, String name, NotifyState from, NotifyState to) {
        return new Notification(scope, name, from, to, scope == Scope.INSTANCE ? 100 : 0,
                List.of("203.0.113.10/24"), "lb1", Instant.parse("2026-11-25T20:00:00Z"), 1, "test");
    }

    private static KeepalivedAlert alert(Scope scope, String name, NotifyState to) {
        return KeepalivedAlert.of(change(scope, name, NotifyState.BACKUP, to), "lb1").orElseThrow();
    }

    @Test
    void instanceAlertsNameTheRouterTheInstanceAndTheState() {
        assertThat(alert(Scope.INSTANCE, "VI_1", NotifyState.MASTER)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Instance VI_1 - Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="));
        assertThat(alert(Scope.INSTANCE, "VI_1", NotifyState.BACKUP)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Instance VI_1 - Entering BACKUP state",
                "=> VRRP Instance is no longer owning VRRP VIPs <="));
        assertThat(alert(Scope.INSTANCE, "VI_1", NotifyState.FAULT)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Instance VI_1 - Entering FAULT state",
                "=> VRRP Instance is no longer owning VRRP VIPs <="));
        assertThat(alert(Scope.INSTANCE, "VI_1", NotifyState.STOP)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Instance VI_1 - Stopping", "=> VRRP Instance stopping <="));
        assertThat(alert(Scope.INSTANCE, "VI_1", NotifyState.DELETED)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Instance VI_1 - Deleted", "=> VRRP Deleted at reload <="));
    }

    @Test
    void groupAlertsSpeakOfAllTheGroupsInstances() {
        assertThat(alert(Scope.GROUP, "G1", NotifyState.MASTER)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Group G1 - Entering MASTER state",
                "=> All VRRP group instances are now in MASTER state <="));
        assertThat(alert(Scope.GROUP, "G1", NotifyState.BACKUP)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Group G1 - Entering BACKUP state",
                "=> All VRRP group instances are now in BACKUP state <="));
        assertThat(alert(Scope.GROUP, "G1", NotifyState.FAULT)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Group G1 - Entering FAULT state",
                "=> All VRRP group instances are now in FAULT state <="));
        assertThat(alert(Scope.GROUP, "G1", NotifyState.STOP)).isEqualTo(new KeepalivedAlert(
                "[lb1] VRRP Group G1 - Stopping", "=> All VRRP group instances are now stopping <="));
    }

    @Test
    void keepalivedMailsNothingForADeletedGroupOrForInit() {
        assertThat(KeepalivedAlert.of(change(Scope.GROUP, "G1", NotifyState.BACKUP, NotifyState.DELETED), "lb1"))
                .isEmpty();
        assertThat(KeepalivedAlert.of(change(Scope.INSTANCE, "VI_1", NotifyState.BACKUP, NotifyState.INIT), "lb1"))
                .isEmpty();
    }
}
