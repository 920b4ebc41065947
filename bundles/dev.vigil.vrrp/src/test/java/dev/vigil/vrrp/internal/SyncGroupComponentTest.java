package dev.vigil.vrrp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.log.Logger;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.vrrp.engine.FakeVipManager;
import dev.vigil.vrrp.engine.InstanceListener;
import dev.vigil.vrrp.engine.InstanceSettings;
import dev.vigil.vrrp.engine.VrrpInstance;

/**
 * The group component on a real protocol loop and notification dispatcher: it finds instances
 * registered on the loop, ties them together and tells the notifiers of the group's changes.
 */
class SyncGroupComponentTest {

    final List<String> logLines = new CopyOnWriteArrayList<>();
    final Logger logger = logger(logLines);
    final VrrpLoop loop = loop(logger);
    final NotificationDispatcher dispatcher = new NotificationDispatcher(logger);
    final BlockingQueue<Notification> delivered = new LinkedBlockingQueue<>();
    final FakeVipManager vips = new FakeVipManager(System::nanoTime);
    VrrpInstance a;
    VrrpInstance b;

    @AfterEach
    void close() throws InterruptedException {
        dispatcher.deactivate();
        loop.deactivate();
    }

    @Test
    void groupsTheListedInstancesAndNotifiesItsStateChanges() throws Exception {
        dispatcher.addNotifier(delivered::add, Map.of("vigil.notify.name", "test"));
        loop.loop().run(() -> {
            a = started("VI_A", "198.51.100.10", "198.51.100.100");
            b = started("VI_B", "203.0.113.10", "203.0.113.100");
            loop.syncMembers().instanceUp("VI_A", new SyncMembers.Member(a, "lb-1", List.of("198.51.100.100/24"), ignored -> { }));
            loop.syncMembers().instanceUp("VI_B", new SyncMembers.Member(b, "lb-1", List.of("203.0.113.100/24"), ignored -> { }));
        });

        SyncGroupComponent component = new SyncGroupComponent(config("G1", "VI_A", "VI_B", "VI_C"), loop, dispatcher,
                logger);

        Notification first = next();
        assertThat(first.scope()).isEqualTo(Notification.Scope.GROUP);
        assertThat(first.name()).isEqualTo("G1");
        assertThat(first.from()).isEqualTo(NotifyState.INIT);
        assertThat(first.to()).isEqualTo(NotifyState.BACKUP);
        assertThat(first.priority()).isZero();
        assertThat(first.virtualAddresses()).containsExactly("198.51.100.100/24", "203.0.113.100/24");
        assertThat(first.routerId()).isEqualTo("lb-1");
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(logLines).contains(
                "DEBUG Virtual router VI_C specified in sync group G1 doesn't exist - it joins when configured");

        loop.loop().run(() -> a.setFault(true, "interface eth0 down"));

        Notification fault = next();
        assertThat(fault.from()).isEqualTo(NotifyState.BACKUP);
        assertThat(fault.to()).isEqualTo(NotifyState.FAULT);
        assertThat(fault.sequence()).isEqualTo(2);
        assertThat(b.status().state()).isEqualTo(VrrpState.FAULT);
        assertThat(logLines).contains("INFO VRRP_Group(G1) Syncing instances to FAULT state");

        // a reload dropping VI_B from the group: held in FAULT for the group only, it is free again
        component.modified(config("G1", "VI_A"));
        assertThat(b.status().state()).isEqualTo(VrrpState.BACKUP);
        assertThat(logLines).contains("WARN Sync group G1 has only 1 virtual router(s) - this probably isn't what you want");

        // the group configuration removed: no notification (keepalived has none), VI_A on its own
        component.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        loop.loop().run(() -> a.setFault(false, "interface eth0 up"));
        assertThat(a.status().state()).isEqualTo(VrrpState.BACKUP);
        assertThat(delivered.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aStoppingDaemonTellsTheGroupsNotifiersStop() throws Exception {
        dispatcher.addNotifier(delivered::add, Map.of("vigil.notify.name", "test"));
        loop.loop().run(() -> {
            a = started("VI_A", "198.51.100.10", "198.51.100.100");
            loop.syncMembers().instanceUp("VI_A", new SyncMembers.Member(a, null, List.of("198.51.100.100/24"), ignored -> { }));
        });
        SyncGroupComponent component = new SyncGroupComponent(config("G1", "VI_A"), loop, dispatcher, logger);
        assertThat(next().to()).isEqualTo(NotifyState.BACKUP);

        component.deactivate(ComponentConstants.DEACTIVATION_REASON_DISPOSED);

        Notification stop = next();
        assertThat(stop.from()).isEqualTo(NotifyState.BACKUP);
        assertThat(stop.to()).isEqualTo(NotifyState.STOP);
        assertThat(stop.routerId()).isEqualTo(HostName.get());
    }

    /** Waits (bounded) for the dispatcher's worker to deliver the next notification. */
    private Notification next() throws InterruptedException {
        Notification n = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(n).as("a notification within 5 s").isNotNull();
        return n;
    }

    private VrrpInstance started(String name, String address, String vip) {
        VirtualAddress v = new VirtualAddress(SettingsMapper.literal(vip, "vip"), 24, "eth0", null);
        InstanceSettings s = InstanceSettings.defaults(name, "eth0", 51, 2, 100, 100, List.of(v));
        VrrpInstance i = new VrrpInstance(s, loop.loop(), vips, InstanceListener.NONE);
        InetAddress source = SettingsMapper.literal(address, "address");
        i.start(new VrrpChannel() {
            @Override
            public InetAddress sourceAddress() {
                return source;
            }

            @Override
            public List<InetAddress> destinations() {
                return List.of(InstanceSettings.DEFAULT_MULTICAST_GROUP_V4);
            }

            @Override
            public void send(InetAddress destination, byte[] vrrpMessage) {
            }

            @Override
            public void close() {
            }
        });
        return i;
    }

    private static SyncGroupConfig config(String name, String... instances) {
        return new SyncGroupConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SyncGroupConfig.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String[] instances() {
                return instances;
            }

            @Override
            public boolean syncGroupTrackingWeight() {
                return false;
            }

            @Override
            public String vigil_config_origin() {
                return "keepalived.conf:1";
            }
        };
    }

    private static VrrpLoop loop(Logger logger) {
        VrrpLoop loop = new VrrpLoop();
        try {
            Field field = VrrpLoop.class.getDeclaredField("log");
            field.setAccessible(true);
            field.set(loop, logger);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return loop;
    }

    /** A Logger keeping "LEVEL message" lines with {} filled in. */
    private static Logger logger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "info", "warn", "error", "debug", "trace" -> {
                        String text = (String) args[0];
                        for (int i = 1; i < args.length; i++) {
                            text = text.replaceFirst("\\{\\}",
                                    java.util.regex.Matcher.quoteReplacement(String.valueOf(args[i])));
                        }
                        lines.add(m.getName().toUpperCase() + " " + text);
                        yield null;
                    }
                    case "getName" -> "test";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test logger";
                    default -> m.getReturnType() == boolean.class ? true : null;
                });
    }
}
