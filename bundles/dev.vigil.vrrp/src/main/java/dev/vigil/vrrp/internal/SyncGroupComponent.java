package dev.vigil.vrrp.internal;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.VrrpState;
import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.vrrp.engine.GroupListener;
import dev.vigil.vrrp.engine.LogLevel;
import dev.vigil.vrrp.engine.SyncGroup;

/**
 * One configured vrrp_sync_group: puts the instances it lists into one {@link SyncGroup} on the
 * protocol loop (those configured later join when they start) and tells the notifiers of the
 * group's state changes. The group changes how its members behave only while this configuration
 * exists: removing it leaves each member in its state, on its own.
 */
@Component(configurationPid = SyncGroupComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = SyncGroupConfig.class, factory = true)
public class SyncGroupComponent implements GroupListener {

    static final String FACTORY_PID = "vigil.syncgroup";

    private final VrrpLoop loop;
    private final NotificationDispatcher notifications;
    private final Logger log;
    /** Replaced on the loop when a reload renames the group. */
    private SyncGroup group;

    @Activate
    public SyncGroupComponent(SyncGroupConfig config, @Reference VrrpLoop loop,
            @Reference NotificationDispatcher notifications, @Reference(service = LoggerFactory.class) Logger log) {
        this.loop = loop;
        this.notifications = notifications;
        this.log = log;
        loop.loop().run(() -> configure(config));
    }

    @Modified
    void modified(SyncGroupConfig changed) {
        loop.loop().run(() -> configure(changed));
    }

    /** keepalived's notify_shutdown() tells the group's notifiers STOP; a group dropped by a reload is not notified. */
    @Deactivate
    void deactivate(int reason) {
        loop.loop().run(() -> {
            VrrpState last = group.state();
            loop.syncMembers().groupRemoved(group);
            if (reason != ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED && last != VrrpState.INIT) {
                notify(group, NotifyState.valueOf(last.name()), NotifyState.STOP, "stopping");
            }
        });
    }

    /** Loop thread. */
    private void configure(SyncGroupConfig config) {
        String name = config.name();
        if (group != null && !group.name().equals(name)) {
            loop.syncMembers().groupRemoved(group);
            group = null;
        }
        if (group == null) {
            group = new SyncGroup(name, this);
        }
        List<String> names = List.of(config.instances());
        if (names.size() == 1) {
            log.warn("Sync group {} has only 1 virtual router(s) - this probably isn't what you want", name);
        }
        for (String missing : loop.syncMembers().groupConfigured(group, names, config.syncGroupTrackingWeight())) {
            // at startup the instances' components often come after the group's: only a detail
            log.debug("Virtual router {} specified in sync group {} doesn't exist - it joins when configured",
                    missing, name);
        }
    }

    // GroupListener: on the loop thread.

    @Override
    public void log(LogLevel level, String message) {
        if (level == LogLevel.WARN) {
            log.warn(message);
        } else {
            log.info(message);
        }
    }

    @Override
    public void groupStateChanged(SyncGroup changed, VrrpState from, VrrpState to, String reason) {
        if (to != VrrpState.INIT) {
            notify(changed, NotifyState.valueOf(from.name()), NotifyState.valueOf(to.name()), reason);
        }
    }

    /** A GROUP notification: priority 0 as keepalived's, the VIPs of every member. Loop thread. */
    private void notify(SyncGroup g, NotifyState from, NotifyState to, String reason) {
        String key = Notification.key(Notification.Scope.GROUP, g.name());
        String routerId = loop.syncMembers().routerIdOf(g);
        notifications.publish(new Notification(Notification.Scope.GROUP, g.name(), from, to, 0,
                loop.syncMembers().virtualAddressesOf(g), routerId != null ? routerId : HostName.get(), Instant.now(),
                notifications.nextSequence(key), reason));
    }
}
