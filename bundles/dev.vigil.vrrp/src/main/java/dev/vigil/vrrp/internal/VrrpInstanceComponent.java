package dev.vigil.vrrp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.vigil.api.StateChange;
import dev.vigil.api.TrackerContribution;
import dev.vigil.api.VrrpRouter;
import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.ChannelSpec;
import dev.vigil.api.dataplane.InterfaceInfo;
import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.TrackedAddress;
import dev.vigil.api.dataplane.VirtualMac;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VrrpChannel;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VrrpTransport;
import dev.vigil.api.dataplane.LinkMonitor;
import dev.vigil.api.dataplane.LinkWatch;
import dev.vigil.api.notify.Notification;
import dev.vigil.api.notify.NotifyState;
import dev.vigil.api.track.TrackStatus;
import dev.vigil.vrrp.engine.Cancellable;
import dev.vigil.vrrp.engine.ChecksumRules;
import dev.vigil.vrrp.engine.InstanceListener;
import dev.vigil.vrrp.engine.InstanceSettings;
import dev.vigil.vrrp.engine.InstanceStatus;
import dev.vigil.vrrp.engine.LogLevel;
import dev.vigil.vrrp.engine.MasterExtras;
import dev.vigil.vrrp.engine.VrrpInstance;

/**
 * One configured vrrp_instance: binds the engine to a transport channel and the VIP manager,
 * and publishes a {@link VrrpRouter} view. A changed priority or VIP list is applied in place
 * ({@link Modified}); only a change of where adverts travel reopens the channel.
 */
@Component(configurationPid = VrrpInstanceComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = InstanceConfig.class, factory = true)
public class VrrpInstanceComponent implements InstanceListener {

    static final String FACTORY_PID = "vigil.instance";
    static final String FAULT_INTERFACE = "interface";
    static final String FAULT_MAINTENANCE = "maintenance";
    static final String FAULT_CONFIG = "configuration";
    static final String FAULT_SOURCE_ADDRESS = "source address";
    /** How long a newly listed tracker may take to appear before it counts as absent (DOWN). */
    static final long TRACKER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int HISTORY = 32;
    private static final long RETRY_MAX_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final VrrpLoop loop;
    private final VrrpTransport transport;
    private final VipManager vips;
    private final RouteManager routes;
    private final OptionalVirtualMacManager vmacs;
    private final SecondaryPromotion promotion;
    private final OptionalVipFirewall firewall;
    private final LinkMonitor links;
    private final TrackerDirectory directory;
    private final NotificationDispatcher notifications;
    private final Logger log;
    private final boolean detail;
    private final BundleContext context;

    // Owned by the loop thread after activation.
    private InstanceConfig config;
    private ChannelSpec channelSpec;
    private VirtualMacPlan vmacPlan;
    /** The VMACs (own and extra) this component made or adopted and must delete; loop thread only. */
    private final List<VirtualMac> activeVmacs = new ArrayList<>();
    /** Written on the loop; read by status views from any thread. */
    private volatile VrrpInstance instance;
    private VrrpChannel channel;
    private Cancellable retry;
    private LinkWatch linkWatch;
    /** Without an interface of its own: the links of the interfaces its addresses go on. */
    private AddressLinks addressLinks;
    private final InstanceDeletionWatch deletionWatch;
    private long retryDelayNanos;
    private volatile InstanceStatus status;
    /** Every reason the instance is held in FAULT, by source; loop thread only. */
    private final Map<String, String> faults = new LinkedHashMap<>();
    private volatile List<String> faultReasons = List.of();
    private volatile boolean maintenance;
    private volatile List<TrackerContribution> contributions = List.of();
    private final Deque<StateChange> history = new ArrayDeque<>();
    private ServiceRegistration<VrrpRouter> registration;

    // Tracking, loop thread only: the tracked checks and interfaces and what they do.
    private Tracking tracking;
    private final Map<String, AutoCloseable> follows = new HashMap<>();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, LinkWatch> trackedLinks = new HashMap<>();
    private final Map<String, Object> trackedLinkTokens = new HashMap<>();
    private boolean deactivated;

    /** The status subscription to the tracker service currently bound for one name. */
    private record Subscription(long serviceId, AutoCloseable handle) {
    }

    @Activate
    public VrrpInstanceComponent(BundleContext context, InstanceConfig config, @Reference VrrpLoop loop,
            @Reference VrrpTransport transport, @Reference VipManager vips, @Reference LinkMonitor links,
            @Reference TrackerDirectory directory, @Reference NotificationDispatcher notifications,
            @Reference(service = LoggerFactory.class) Logger log, @Reference OptionalRouteManager routes,
            @Reference OptionalVirtualMacManager vmacs, @Reference OptionalVipFirewall firewall,
            @Reference OptionalDeletionMonitor deletions, @Reference OptionalInterfaceParameters parameters) {
        this.context = context;
        this.deletionWatch = new InstanceDeletionWatch(deletions, loop.loop()::execute,
                message -> log(LogLevel.DETAIL, message), log::warn, this::sourceAddressPresence);
        this.notifications = notifications;
        this.loop = loop;
        this.transport = transport;
        this.vips = vips;
        this.routes = routes;
        this.vmacs = vmacs;
        this.promotion = new SecondaryPromotion(parameters, log::warn);
        this.firewall = firewall;
        this.links = links;
        this.directory = directory;
        this.log = log;
        this.detail = Boolean.parseBoolean(context.getProperty("vigil.log.detail"));
        this.config = config;
        InstanceSettings settings = SettingsMapper.toSettings(config);
        MasterExtras extras = MasterExtrasMapper.toExtras(config);
        Map<InetAddress, VrrpInstance.PeerTtl> peerTtls = SettingsMapper.peerTtls(config);
        ChecksumRules checksums = SettingsMapper.checksumRules(config);
        this.channelSpec = channelSpec(config);
        this.vmacPlan = VirtualMacPlan.of(config);
        TrackingConfig tracked = trackingConfig(config);
        WatchedEntries watched = WatchedEntries.of(config);
        loop.loop().run(() -> {
            instance = new VrrpInstance(settings, loop.loop(), vips, this, Clock.systemUTC(), loop.pacer());
            instance.setMasterExtras(extras, routes);
            instance.setAcceptModeFirewall(acceptModeFirewall(config));
            instance.setUnicastPeerTtls(peerTtls);
            instance.setChecksumRules(checksums);
            instance.setTimerExpiredBackup(config.timerExpiredBackupPriority());
            instance.setExtraInterfaceGarps(config.garpExtraInterfaceSeconds(), Set.copyOf(Arrays.asList(config.garpExtraInterfaces())));
            instance.setNotifyPriorityChanges(config.notifyPriorityChanges());
            watchLink();
            checkUnicastPeers();
            watchEntries(watched);
            tracking = new Tracking(config.name(), trackingSink(), loop.loop()::nanoTime, TRACKER_GRACE_NANOS);
            joinSyncGroup(); // before start: a member starts in FAULT while its group is
            configureTracking(tracked);
            status = instance.status();
            openAndStart();
        });
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(VrrpRouter.INSTANCE_PROPERTY, config.name());
        registration = context.registerService(VrrpRouter.class, new RouterView(), props);
    }

    @Modified
    void modified(InstanceConfig changed) {
        InstanceSettings settings = SettingsMapper.toSettings(changed);
        MasterExtras extras = MasterExtrasMapper.toExtras(changed);
        Map<InetAddress, VrrpInstance.PeerTtl> peerTtls = SettingsMapper.peerTtls(changed);
        ChecksumRules checksums = SettingsMapper.checksumRules(changed);
        ChannelSpec spec = channelSpec(changed);
        VirtualMacPlan plan = VirtualMacPlan.of(changed);
        TrackingConfig tracked = trackingConfig(changed);
        WatchedEntries watched = WatchedEntries.of(changed);
        loop.loop().run(() -> {
            boolean rewire = !spec.equals(channelSpec) || !plan.equals(vmacPlan)
                    || changed.virtualRouterId() != config.virtualRouterId()
                    || changed.version() != config.version()
                    || changed.trackInterface() != config.trackInterface()
                    || !changed.name().equals(config.name());
            config = changed;
            tracking.rename(changed.name());
            if (rewire) {
                // where adverts travel changed: resign as keepalived does on a restart, then start anew
                stopInstance();
                channelSpec = spec;
                vmacPlan = plan;
                instance = new VrrpInstance(settings, loop.loop(), vips, this, Clock.systemUTC(), loop.pacer());
                instance.setMasterExtras(extras, routes);
                instance.setAcceptModeFirewall(acceptModeFirewall(changed));
                instance.setUnicastPeerTtls(peerTtls);
                instance.setChecksumRules(checksums);
                instance.setTimerExpiredBackup(changed.timerExpiredBackupPriority());
                instance.setExtraInterfaceGarps(changed.garpExtraInterfaceSeconds(),
                        Set.copyOf(Arrays.asList(changed.garpExtraInterfaces())));
                instance.setNotifyPriorityChanges(changed.notifyPriorityChanges());
                instance.setPriorityOffset(tracking.offset());
                joinSyncGroup();
                faults.remove(FAULT_INTERFACE); // the new interface's watch decides
                applyFaults("reconfigured");
                watchLink();
                checkUnicastPeers();
                watchEntries(watched);
                configureTracking(tracked);
                openAndStart();
            } else {
                instance.setNotifyPriorityChanges(changed.notifyPriorityChanges());
                instance.update(settings);
                instance.setMasterExtras(extras, routes);
                instance.setAcceptModeFirewall(acceptModeFirewall(changed));
                instance.setUnicastPeerTtls(peerTtls);
                instance.setChecksumRules(checksums);
                instance.setTimerExpiredBackup(changed.timerExpiredBackupPriority());
                instance.setExtraInterfaceGarps(changed.garpExtraInterfaceSeconds(),
                        Set.copyOf(Arrays.asList(changed.garpExtraInterfaces())));
                checkUnicastPeers();
                if (!watched.equals(deletionWatch.entries())) {
                    watchEntries(watched);
                    if (addressLinks != null) { // the addresses' interfaces may have changed too
                        addressLinks.close();
                        watchAddressLinks();
                    }
                }
                configureTracking(tracked);
                joinSyncGroup(); // a changed router_id for the group's notifications
                if (channel != null) {
                    promotion.apply(changed); // otherwise the start's retry applies it
                }
            }
            status = instance.status();
        });
    }

    /**
     * Stops the instance (a MASTER resigns). Notifiers hear STOP when the daemon stops and
     * DELETED when a reload removed the instance, as keepalived's notify_stop and notify_deleted.
     */
    @Deactivate
    void deactivate(int reason) {
        if (registration != null) {
            registration.unregister();
        }
        loop.loop().run(() -> {
            deactivated = true;
            VrrpState last = instance != null ? instance.status().state() : VrrpState.INIT;
            stopTracking();
            stopInstance();
            boolean deleted = reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED;
            notify(last, deleted ? NotifyState.DELETED : NotifyState.STOP,
                    deleted ? "removed from the configuration" : "stopping");
        });
    }

    /** no_accept: the firewall that drops traffic to the VIPs while MASTER; null in accept mode. */
    private VipFirewall acceptModeFirewall(InstanceConfig c) {
        return c.noAccept() ? firewall : null;
    }

    // ---------------------------------------------------------------- tracking (loop thread)

    /** The tracking part of a configuration, read before going to the loop. */
    private record TrackingConfig(List<TrackSpec> checks, List<TrackSpec> interfaces) {
    }

    private TrackingConfig trackingConfig(InstanceConfig c) {
        String name = c.name();
        List<TrackSpec> checks = TrackSpec.parseAll(c.trackers(), e -> log.warn("({}) trackers: {}", name, e));
        List<TrackSpec> ifs = TrackSpec.parseAll(c.trackInterfaces(), e -> log.warn("({}) track_interface: {}", name, e));
        return new TrackingConfig(checks, ifs);
    }

    /**
     * Applies the {@code trackers} and {@code trackInterfaces} of a configuration: follows the
     * tracker services of new names by {@code vigil.tracker.name}, watches new interfaces,
     * forgets the ones no longer listed, and applies the weights. A tracker service coming or
     * going is an event on the loop, never a restart of this component.
     */
    private void configureTracking(TrackingConfig c) {
        Tracking.Changes changes = tracking.configure(c.checks(), c.interfaces());
        changes.removedChecks().forEach(this::unfollow);
        changes.removedLinks().forEach(this::unwatchTracked);
        for (String tracked : changes.addedChecks()) {
            TrackerDirectory.Following f = directory.follow(tracked,
                    b -> loop.loop().execute(() -> bound(tracked, b)));
            follows.put(tracked, f.handle());
            bind(tracked, f.current());
        }
        changes.addedLinks().forEach(this::watchTracked);
        if (!changes.addedChecks().isEmpty()) {
            // trackers not there when the grace ends count as absent: look again then
            loop.loop().schedule(this::applyTracking, tracking.graceNanos() + TimeUnit.MILLISECONDS.toNanos(1));
        }
        applyTracking();
    }

    /** A new binding for {@code tracked}, on the loop. */
    private void bound(String tracked, TrackerDirectory.Binding binding) {
        if (deactivated || !follows.containsKey(tracked)) {
            return;
        }
        bind(tracked, binding);
        applyTracking();
    }

    private void bind(String tracked, TrackerDirectory.Binding binding) {
        Subscription old = subscriptions.get(tracked);
        boolean sameService = old != null && binding != null && old.serviceId() == binding.serviceId();
        if (old != null && !sameService) {
            subscriptions.remove(tracked);
            closeQuietly(old.handle());
        }
        tracking.bound(tracked, binding);
        if (binding == null || sameService) {
            return;
        }
        long id = binding.serviceId();
        try {
            AutoCloseable handle = binding.tracker().subscribe(
                    s -> loop.loop().execute(() -> trackerStatus(tracked, id, s)));
            subscriptions.put(tracked, new Subscription(id, handle));
            tracking.status(tracked, id, binding.tracker().status());
        } catch (RuntimeException e) {
            // a service on its way out: its unregistration follows
            log.warn("({}) cannot follow tracker {}: {}", config.name(), tracked, e.toString());
        }
    }

    private void trackerStatus(String tracked, long serviceId, TrackStatus s) {
        if (deactivated) {
            return;
        }
        tracking.status(tracked, serviceId, s);
        applyTracking();
    }

    private void unfollow(String tracked) {
        closeQuietly(follows.remove(tracked));
        Subscription sub = subscriptions.remove(tracked);
        if (sub != null) {
            closeQuietly(sub.handle());
        }
    }

    /** A tracked interface (track_interface): its link state from the kernel's link events. */
    private void watchTracked(String ifname) {
        Object token = new Object();
        trackedLinkTokens.put(ifname, token);
        try {
            LinkWatch w = links.watch(ifname, up -> loop.loop().execute(() -> {
                if (!deactivated && trackedLinkTokens.get(ifname) == token) {
                    tracking.link(ifname, up);
                    applyTracking();
                }
            }));
            trackedLinks.put(ifname, w);
            tracking.link(ifname, w.up());
        } catch (IOException e) {
            log.warn("({}) cannot watch the link state of tracked interface {}: {}; treated as down", config.name(),
                    ifname, e.getMessage());
            tracking.link(ifname, false);
        }
    }

    private void unwatchTracked(String ifname) {
        trackedLinkTokens.remove(ifname);
        LinkWatch w = trackedLinks.remove(ifname);
        if (w != null) {
            w.close();
        }
    }

    private void applyTracking() {
        if (deactivated || instance == null) {
            return;
        }
        tracking.apply();
        contributions = tracking.contributions();
        status = instance.status();
    }

    private void stopTracking() {
        for (String tracked : List.copyOf(follows.keySet())) {
            unfollow(tracked);
        }
        for (String ifname : List.copyOf(trackedLinks.keySet())) {
            unwatchTracked(ifname);
        }
        trackedLinkTokens.clear();
    }

    private Tracking.Sink trackingSink() {
        return new Tracking.Sink() {
            @Override
            public void priorityOffset(int offset) {
                instance.setPriorityOffset(offset);
            }

            @Override
            public void fault(String source, String reason) {
                setFaultSource(source, reason);
            }

            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }
        };
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // a tracker on its way out: nothing more to stop
        }
    }

    /**
     * The instance's own interface is tracked as keepalived tracks it: link down is FAULT (a
     * MASTER resigns with priority 0 and releases its VIPs), link up is BACKUP again.
     */
    private void watchLink() {
        if (config.interfaceName().isEmpty()) {
            log.info("({}) no interface: adverts follow the routing table{}", config.name(),
                    config.vrf().isEmpty() ? "" : " of VRF " + config.vrf());
            watchAddressLinks();
            return;
        }
        if (!config.trackInterface()) {
            log.info("({}) dont_track_primary: the link state of {} is not tracked", config.name(),
                    config.interfaceName());
            return;
        }
        VrrpInstance watched = instance;
        try {
            String down = "interface " + config.interfaceName() + " down";
            linkWatch = links.watch(config.interfaceName(), up -> loop.loop().execute(() -> {
                if (instance == watched) {
                    setFaultSource(FAULT_INTERFACE, up ? null : down);
                }
            }));
            setFaultSource(FAULT_INTERFACE, linkWatch.up() ? null : down);
        } catch (IOException e) {
            log.warn("({}) cannot watch the link state of {}: {}", config.name(), config.interfaceName(),
                    e.getMessage());
        }
    }

    /** An instance without interface is FAULT while an interface its tracked addresses go on is down. */
    private void watchAddressLinks() {
        VrrpInstance watched = instance;
        List<String> devices = WatchedEntries.of(config).addresses().stream().map(VirtualAddress::device).toList();
        addressLinks = AddressLinks.watch(links, devices, loop.loop()::execute, reason -> {
            if (instance == watched) {
                setFaultSource(FAULT_INTERFACE, reason);
            }
        }, warning -> log.warn("({}) {}", config.name(), warning));
    }

    /**
     * unicast_fault_no_peer: unicast without a single peer would fall back to multicast; keepalived
     * holds such an instance in FAULT instead, until a reload gives it peers.
     */
    private void checkUnicastPeers() {
        boolean noPeers = config.faultWithoutUnicastPeers() && config.unicastPeers().length == 0;
        if (noPeers && !faults.containsKey(FAULT_CONFIG)) {
            log.info("({}) Cannot use unicast without any peers - going to fault state", config.name());
        }
        setFaultSource(FAULT_CONFIG, noPeers ? "no unicast peers" : null);
    }

    /** Offers the instance to the sync group that lists it (now, or when that group is configured). */
    private void joinSyncGroup() {
        VrrpInstance member = instance;
        loop.syncMembers().instanceUp(member.settings().name(), new SyncMembers.Member(member, config.routerId(),
                vipAddresses(config), ignored -> {
                    // keepalived's rule for weights in a sync group; a replaced instance's word is stale
                    if (instance == member && tracking != null && tracking.weightsIgnored(ignored)) {
                        applyTracking();
                    }
                }));
    }

    private void stopInstance() {
        if (instance != null) {
            // leave the group before resigning: the group must not follow this member's stop
            loop.syncMembers().instanceDown(instance.settings().name(), instance);
        }
        if (linkWatch != null) {
            linkWatch.close();
            linkWatch = null;
        }
        if (addressLinks != null) {
            addressLinks.close();
            addressLinks = null;
        }
        deletionWatch.close();
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        if (instance != null) {
            instance.stop();
            status = instance.status();
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        deleteVmacs(); // after the instance released its VIPs from them
        promotion.release();
    }

    /**
     * Watches the instance's entries for deletions by others and, with track_src_ip, its source
     * address; without that tracking any FAULT it caused is over. Loop thread only.
     */
    private void watchEntries(WatchedEntries watched) {
        if (watched.tracked().isEmpty() && faults.containsKey(FAULT_SOURCE_ADDRESS)) {
            setFaultSource(FAULT_SOURCE_ADDRESS, null);
        }
        deletionWatch.watch(instance, watched);
    }

    /**
     * track_src_ip, as keepalived's netlink reflector has it: the instance is in FAULT while its
     * configured source address is not on its interface. Loop thread only.
     */
    private void sourceAddressPresence(TrackedAddress source, boolean present) {
        if (present == !faults.containsKey(FAULT_SOURCE_ADDRESS)) {
            return; // a repeat (a flags change, the state at a re-watch): nothing new
        }
        String address = source.address().getHostAddress();
        if (present) {
            log(LogLevel.DETAIL, "Assigned address " + address + " for interface " + source.device());
            log.info("({}) src address {} back on {}", config.name(), address, source.device());
            setFaultSource(FAULT_SOURCE_ADDRESS, null);
        } else {
            log(LogLevel.DETAIL, "Deassigned address " + address + " from interface " + source.device());
            log.info("({}) src address {} not configured on {}", config.name(), address, source.device());
            setFaultSource(FAULT_SOURCE_ADDRESS, "src address " + address + " not configured on " + source.device());
        }
    }

    /**
     * Creates (or adopts) the instance's VMAC and its extra VMACs, each once, before any VIP goes
     * on them; an error leaves the start to the retry, which makes the rest.
     */
    private void ensureVmacs() throws IOException {
        for (VirtualMac vmac : vmacPlan.all()) {
            if (!activeVmacs.contains(vmac)) {
                ensureVmac(vmac);
            }
        }
    }

    private void ensureVmac(VirtualMac vmac) throws IOException {
        boolean created = vmacs.create(vmac);
        activeVmacs.add(vmac);
        log.info("({}) {} {} interface {}", config.name(), created ? "Success creating" : "Adopted existing",
                kindName(vmac), vmac);
        WatchedEntries watched = deletionWatch.entries();
        if (vmac.ipvlan() != null && !watched.tracked().isEmpty()) {
            // the tracked source may be the ipvlan's own address, only there from now on: a watch
            // opened before would already have said it is missing (its report is dropped)
            deletionWatch.watch(instance, watched);
        }
    }

    /** Deletes every VMAC made, the extra ones first (the instance's own was made first). */
    private void deleteVmacs() {
        while (!activeVmacs.isEmpty()) {
            VirtualMac vmac = activeVmacs.remove(activeVmacs.size() - 1);
            try {
                boolean removed = vmacs.delete(vmac);
                log.info("({}) {} {} interface {}", config.name(), removed ? "Removed" : "No longer found",
                        kindName(vmac), vmac.name());
            } catch (IOException e) {
                log.warn("({}) cannot remove {} interface {}: {}", config.name(), kindName(vmac), vmac.name(),
                        e.getMessage());
            }
        }
    }

    /** As keepalived names them in its log. */
    private static String kindName(VirtualMac vmac) {
        return vmac.kind() == VirtualMac.Kind.IPVLAN ? "ipvlan" : "VMAC";
    }

    /**
     * The channel as opened: on a VMAC, which has no IPv4 address, IPv4 adverts come from the
     * base interface's primary address (as keepalived sends them) unless one is configured.
     */
    private ChannelSpec openedSpec() throws IOException {
        if (!vmacPlan.sendsOnVmac() || channelSpec.sourceAddress() != null || vmacPlan.vmac().get().ipv6()) {
            return channelSpec;
        }
        InetAddress base = vips.interfaceInfo(config.interfaceName(), Inet4Address.class)
                .map(InterfaceInfo::primaryAddress).orElse(null);
        if (base == null) {
            throw new IOException("interface " + config.interfaceName() + " has no IPv4 address for adverts sent on "
                    + channelSpec.interfaceName());
        }
        return channelSpec.withSourceAddress(base);
    }

    /**
     * Holds the instance in FAULT while any source (the interface, maintenance, a tracker with
     * weight 0) says so; {@code reason} null clears that source. Loop thread only.
     */
    void setFaultSource(String source, String reason) {
        boolean was = !faults.isEmpty();
        if (reason == null) {
            faults.remove(source);
        } else {
            faults.put(source, reason);
        }
        faultReasons = List.copyOf(faults.values());
        if (was != !faults.isEmpty() || (was && reason != null)) {
            applyFaults(reason == null ? source + " recovered" : reason);
        }
    }

    private void applyFaults(String why) {
        if (faults.isEmpty()) {
            instance.setFault(false, why);
        } else {
            instance.setFault(true, String.join(", ", faults.values()));
        }
        status = instance.status();
    }

    /** Opens the channel; an interface that is missing or down is retried with backoff, not fatal. */
    private void openAndStart() {
        try {
            ensureVmacs();
            channel = transport.open(openedSpec(), packet -> loop.loop().execute(() -> {
                if (instance != null) {
                    instance.receive(packet);
                }
            }));
            retryDelayNanos = 0;
            promotion.apply(config); // the interface is there; before any VIP goes on it
            instance.start(channel);
            status = instance.status();
        } catch (IOException | RuntimeException e) {
            retryDelayNanos = retryDelayNanos == 0 ? TimeUnit.MILLISECONDS.toNanos(500)
                    : Math.min(RETRY_MAX_NANOS, retryDelayNanos * 2);
            log.error("({}) cannot open VRRP socket on {}: {}; retrying in {} ms", config.name(),
                    channelSpec.hasInterface() ? channelSpec.interfaceName() : "the routing table", e.getMessage(), TimeUnit.NANOSECONDS.toMillis(retryDelayNanos));
            retry = loop.loop().schedule(() -> {
                retry = null;
                openAndStart();
            }, retryDelayNanos);
        }
    }

    static ChannelSpec channelSpec(InstanceConfig c) {
        List<InetAddress> peers = new ArrayList<>();
        for (String p : c.unicastPeers()) {
            peers.add(SettingsMapper.literal(p, "unicastPeers"));
        }
        return new ChannelSpec(VirtualMacPlan.of(c).channelInterface(c.interfaceName()), SettingsMapper.sourceAddress(c),
                SettingsMapper.literal(c.multicastGroup(), "multicastGroup"), peers, c.unicastTtl(),
                c.receiveBufferBytes(), c.interfaceName().isEmpty() ? c.vrf() : "");
    }

    // InstanceListener: called on the loop thread.

    @Override
    public void log(LogLevel level, String message) {
        switch (level) {
            case WARN -> log.warn(message);
            case DETAIL -> {
                if (detail) {
                    log.info(message);
                } else {
                    log.debug(message);
                }
            }
            default -> log.info(message);
        }
    }

    @Override
    public void stateChanged(StateChange change) {
        if (instance != null) {
            status = instance.status();
        }
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(change);
        }
        loop.publish(change);
        // keepalived never notifies INIT: an instance passes through it only while (re)starting.
        if (change.to() != VrrpState.INIT) {
            notify(NotifyState.valueOf(change.from().name()), NotifyState.valueOf(change.to().name()),
                    change.reason());
        }
    }

    @Override
    public void masterReceivedLowerPriority(int ourPriority, InetAddress from) {
        publish(Notification.Event.MASTER_RX_LOWER_PRI, NotifyState.MASTER, NotifyState.MASTER, ourPriority,
                "lower priority advert from " + from.getHostAddress());
    }

    @Override
    public void priorityChanged(VrrpState state, int priority) {
        if (instance != null) {
            status = instance.status();
        }
        NotifyState now = NotifyState.valueOf(state.name());
        publish(Notification.Event.PRIORITY, now, now, priority, "effective priority changed");
    }

    private void notify(VrrpState from, NotifyState to, String reason) {
        notify(NotifyState.valueOf(from.name()), to, reason);
    }

    private void notify(NotifyState from, NotifyState to, String reason) {
        InstanceStatus s = instance != null ? instance.status() : status;
        int priority = s != null ? s.effectivePriority() : config.priority();
        publish(Notification.Event.STATE, from, to, priority, reason);
    }

    /** Hands a notification of this instance to the notifiers; loop thread, never blocks. */
    private void publish(Notification.Event event, NotifyState from, NotifyState to, int priority, String reason) {
        String key = Notification.key(Notification.Scope.INSTANCE, config.name());
        notifications.publish(new Notification(event, Notification.Scope.INSTANCE, config.name(), from, to, priority,
                vipAddresses(config), routerId(config), Instant.now(), notifications.nextSequence(event, key), reason));
    }

    /** {@code ADDR/LEN} of each configured VIP line ("ADDR/LEN dev IF label L"). */
    static List<String> vipAddresses(InstanceConfig c) {
        List<String> out = new ArrayList<>();
        for (String line : c.virtualIpAddresses()) {
            String first = line.trim().split("\\s+", 2)[0];
            if (!first.isEmpty()) {
                out.add(first);
            }
        }
        return out;
    }

    static String routerId(InstanceConfig c) {
        String id = c.routerId();
        if (id != null && !id.isBlank()) {
            return id;
        }
        return HostName.get();
    }

    /** The read-only view; reads the last snapshot the loop published, never the live state. */
    private final class RouterView implements VrrpRouter {
        /** Live: a MASTER's sent-advert counters move without any event this component sees. */
        private InstanceStatus s() {
            VrrpInstance live = instance;
            return live != null ? live.status() : Objects.requireNonNull(status);
        }

        @Override public String name() { return config.name(); }
        @Override public String interfaceName() { return config.interfaceName(); }
        @Override public int virtualRouterId() { return config.virtualRouterId(); }
        @Override public int version() { return config.version(); }
        @Override public VrrpState state() { return s().state(); }
        @Override public Instant stateSince() { return s().since(); }
        @Override public int basePriority() { return s().basePriority(); }
        @Override public int effectivePriority() { return s().effectivePriority(); }
        @Override public InetAddress primaryAddress() { return s().primaryAddress(); }
        @Override public InetAddress masterAddress() { return s().masterAddress(); }
        @Override public List<String> virtualAddresses() { return List.of(config.virtualIpAddresses()); }
        @Override public int advertIntervalCentis() { return s().masterAdvertIntervalCentis(); }
        @Override public Map<String, Long> counters() { return s().counters(); }
        @Override public List<TrackerContribution> trackers() { return contributions; }
        @Override public List<String> faultReasons() { return faultReasons; }
        @Override public boolean maintenance() { return maintenance; }

        @Override
        public List<StateChange> transitions() {
            synchronized (history) {
                return List.copyOf(history);
            }
        }

        @Override
        public void setMaintenance(boolean on) {
            loop.loop().run(() -> {
                maintenance = on;
                setFaultSource(FAULT_MAINTENANCE, on ? FAULT_MAINTENANCE : null);
            });
        }
    }
}
