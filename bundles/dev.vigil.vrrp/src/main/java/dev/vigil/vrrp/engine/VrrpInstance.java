package dev.vigil.vrrp.engine;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.vigil.api.StateChange;
import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.AdvertReceiver;
import dev.vigil.api.dataplane.ReceivedPacket;
import dev.vigil.api.dataplane.RouteManager;
import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VipManager;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.api.dataplane.VrrpChannel;

/**
 * One VRRP router (RFC 3768 / RFC 5798 state machine), behaving as keepalived 2.x does.
 *
 * <p>Threading: every method except {@link #status()}, {@link #settings()} and
 * {@link #receiver()} must be called on the {@link Scheduler}'s thread (with an
 * {@link EventLoop}: {@code loop.run(() -> instance.start(channel))}). Protocol state is confined
 * to that thread and has no locks; {@link #status()} reads only volatile and atomic fields.
 *
 * <p>Lifecycle: INIT → {@link #start} → BACKUP / MASTER / FAULT → {@link #stop} → INIT; an
 * instance may be started again after a stop. The channel belongs to the caller, who closes it
 * after {@link #stop}.
 */
public final class VrrpInstance {

    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final Scheduler scheduler;
    private final VipManager vipManager;
    private final InstanceListener listener;
    private final Clock clock;
    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);
    /** keepalived's rate-limited errors: each reason logged once until the next transition. */
    private final Set<DiscardReason> loggedDiscards = EnumSet.noneOf(DiscardReason.class);
    private final List<Cancellable> garpTimers = new ArrayList<>();
    /** unicast_peer min_ttl/max_ttl by peer; empty when none has one. */
    private Map<InetAddress, PeerTtl> peerTtls = Map.of();
    private ChecksumRules checksumRules = ChecksumRules.KEEPALIVED_DEFAULTS;
    /** garp_extra_if: seconds between refreshes (0 = off) and the interfaces that get one. */
    private int extraGarpSeconds;
    private Set<String> extraGarpInterfaces = Set.of();
    /** timer_expired_backup: the highest priority another router may have; 0 = off. */
    private int timerExpiredBackupPriority;
    /** When the last advert went out (scheduler time), for timer_expired_backup. */
    private long lastAdvertSentNanos;
    /** A unicast peer's advert only checked with the multicast group as destination: send them so too. */
    private boolean oldUnicastChecksumDetected;
    private final AnnouncementPacer pacer;
    private final MasterExtrasHandler extras;
    private final AcceptModeGuard acceptMode;

    private volatile InstanceSettings settings;
    private volatile VrrpState state = VrrpState.INIT;
    private volatile Instant since;
    private volatile int effectivePriority;
    private volatile InetAddress primaryAddress;
    private volatile InetAddress masterAddress;
    private volatile int masterAdvertIntervalCentis;
    private volatile boolean vipsHeld;
    private volatile String faultReason;

    private VrrpChannel channel;
    private int priorityOffset;
    private Cancellable timer = Cancellable.NONE;
    /** When the master down timer fires (BACKUP only). */
    private long downDeadline = NO_DEADLINE;
    /** Why we will become MASTER when the down timer fires (keepalived's next_master_reason). */
    private String downReason = "master down timer";
    private long preemptDeadline = NO_DEADLINE;
    private boolean intervalMismatchLogged;
    private boolean ownerConflictLogged;
    private boolean loggedAddressList;
    /** Bumped on every timer change so that a stale task that slipped through does nothing. */
    private long timerGeneration;
    /** The vrrp_sync_group this instance belongs to, or null; loop thread only. */
    private SyncGroup group;
    /**
     * keepalived's wantstate MASTER: our down timer fired (or we are MASTER), whatever the group
     * let us do. A group goes MASTER only when every member wants to.
     */
    private boolean wantsMaster;
    /** keepalived's notify_priority_changes, resolved (instance, else sync group, else global). */
    private boolean notifyPriorityChanges;

    public VrrpInstance(InstanceSettings settings, Scheduler scheduler, VipManager vipManager,
            InstanceListener listener) {
        this(settings, scheduler, vipManager, listener, Clock.systemUTC());
    }

    /** @param clock wall clock for {@link StateChange#at()} and {@link InstanceStatus#since()} */
    public VrrpInstance(InstanceSettings settings, Scheduler scheduler, VipManager vipManager,
            InstanceListener listener, Clock clock) {
        this(settings, scheduler, vipManager, listener, clock, new AnnouncementPacer(scheduler));
    }

    /** @param pacer shared by the instances of one scheduler: GARP intervals are per interface */
    public VrrpInstance(InstanceSettings settings, Scheduler scheduler, VipManager vipManager,
            InstanceListener listener, Clock clock, AnnouncementPacer pacer) {
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.vipManager = Objects.requireNonNull(vipManager, "vipManager");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.extras = new MasterExtrasHandler(vipManager, listener, this::prefix);
        this.acceptMode = new AcceptModeGuard(listener, () -> this.settings.name());
        this.since = clock.instant();
        this.effectivePriority = computeEffectivePriority(settings.priority(), 0);
        this.masterAdvertIntervalCentis = settings.advertIntervalCentis();
        warnAboutIgnoredPreemptSettings(settings);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts on {@code channel}: its source address is our primary address (adverts and the
     * tie-break), its destinations receive every advert. Mirrors keepalived's
     * {@code vrrp_init_state()}: an address owner configured MASTER becomes MASTER at once; any
     * other router enters BACKUP after removing VIPs left on the interface, and a non-owner
     * configured MASTER only waits one advert interval (plus the minimal skew) before claiming
     * the role.
     */
    public void start(VrrpChannel channel) {
        if (this.channel != null) {
            throw new IllegalStateException(prefix() + "already started");
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        this.primaryAddress = Objects.requireNonNull(channel.sourceAddress(), "channel source address");
        InstanceSettings s = settings;
        // A backup's first advert is sent the moment its down timer fires; encoding one now (and
        // discarding it) keeps class loading and cold code off that path.
        for (InetAddress destination : channel.destinations()) {
            encode(advert(s, effectivePriority), destination);
        }
        masterAdvertIntervalCentis = s.advertIntervalCentis();
        masterAddress = null;
        preemptDeadline = NO_DEADLINE;
        wantsMaster = false;
        if (faultReason != null || (group != null && group.holdsInFault(this))) {
            listener.log(LogLevel.INFO, prefix() + "Entering FAULT STATE (init)");
            removeVips(true);
            changeState(VrrpState.FAULT, faultReason != null ? faultReason : "sync group " + group.name() + " in FAULT");
            return;
        }
        if (s.addressOwner() && s.initialState() == VrrpState.MASTER && groupAllowsMaster()) {
            becomeMaster("address owner");
            return;
        }
        removeVips(true);
        listener.log(LogLevel.INFO, prefix() + "Entering BACKUP STATE (init)");
        changeState(VrrpState.BACKUP, "init");
        if (s.initialState() == VrrpState.MASTER) {
            startDownTimer(VrrpTimers.initialMasterWaitNanos(s.version(), masterAdvertIntervalCentis),
                    "initial state MASTER");
        } else {
            startDownTimer(masterDownNanos(), "master down timer");
        }
    }

    /**
     * Stops gracefully, as keepalived does on shutdown ({@code restore_vrrp_interfaces()}): a
     * MASTER sends one advert with priority 0 and then removes its VIPs. All timers are
     * cancelled and the state is INIT.
     */
    public void stop() {
        if (channel == null) {
            return;
        }
        cancelTimer();
        cancelGarpTimers();
        if (state == VrrpState.MASTER) {
            sendAdvert(0);
            listener.log(LogLevel.DETAIL, prefix() + "sent 0 priority");
            removeVips(false);
        }
        channel = null;
        masterAddress = null;
        preemptDeadline = NO_DEADLINE;
        wantsMaster = false;
        if (state != VrrpState.INIT) {
            changeState(VrrpState.INIT, "stopped");
        }
    }

    /** Whether {@link #start} was called and {@link #stop} was not since. */
    public boolean started() {
        return channel != null;
    }

    // ---------------------------------------------------------------- inputs

    /** A receiver for the transport that hands each packet to {@link #receive} on the loop. */
    public AdvertReceiver receiver() {
        return packet -> scheduler.execute(() -> receive(packet));
    }

    /** Processes one received packet: validation as keepalived's {@code vrrp_check_packet()}, then the state's rules. */
    public void receive(ReceivedPacket packet) {
        VrrpState current = state;
        if (channel == null || (current != VrrpState.BACKUP && current != VrrpState.MASTER)) {
            return; // keepalived ignores adverts in FAULT and INIT
        }
        InstanceSettings s = settings;
        byte[] msg = packet.vrrpMessage();
        InetAddress source = packet.source();
        int vrid = AdvertCodec.peekVirtualRouterId(msg);
        if (vrid >= 0 && vrid != s.virtualRouterId()) {
            count(Counter.VR_ID_ERRORS); // another virtual router on this wire: not ours to judge
            return;
        }
        Advert advert;
        DecodeResult decoded = decode(msg, source, packet.destination());
        if (decoded instanceof DecodeResult.Discarded d) {
            discard(d.reason(), codecDiscardMessage(d, msg, source));
            return;
        }
        advert = ((DecodeResult.Decoded) decoded).advert();
        String from = source.getHostAddress();
        if (!s.unicast() && packet.ttl() != 255) {
            discard(DiscardReason.TTL, "invalid TTL/HL from " + from + ". Received " + packet.ttl() + " and expect 255");
            return;
        }
        if (advert.version() != s.version()) {
            discard(DiscardReason.VERSION_MISMATCH, "wrong VRRP version from " + from + ". Received "
                    + advert.version() + " and expect " + s.version());
            return;
        }
        if (s.version() == 2) {
            int ourAuthType = s.authPass() == null ? Advert.AUTH_NONE : Advert.AUTH_SIMPLE_TEXT;
            if (advert.authType() != ourAuthType) {
                discard(DiscardReason.AUTH_TYPE_MISMATCH, "received a " + advert.authType() + " auth from " + from
                        + ", expecting " + ourAuthType + "!");
                return;
            }
            if (ourAuthType == Advert.AUTH_SIMPLE_TEXT
                    && !MessageDigest.isEqual(advert.authData(), Advert.authPassBytes(s.authPass()))) {
                discard(DiscardReason.AUTH_FAILURE, "received an invalid passwd from " + from + "!");
                return;
            }
            if (advert.advertIntervalCentis() != s.advertIntervalCentis()) {
                discard(DiscardReason.ADVERT_INTERVAL, "advertisement interval mismatch with " + from + " mine="
                        + s.advertIntervalCentis() / 100 + " sec rcv'd=" + advert.advertIntervalCentis() / 100 + " sec");
                return;
            }
        } else if (advert.advertIntervalCentis() != s.advertIntervalCentis() && !intervalMismatchLogged) {
            // v3: SHOULD only be noted; the backup adopts the master's interval
            intervalMismatchLogged = true;
            listener.log(LogLevel.INFO, prefix() + "advertisement interval mismatch ours = "
                    + s.advertIntervalCentis() + " centi-sec rcv'd=" + advert.advertIntervalCentis() + " centi-sec");
        }
        boolean multicast = packet.destination().isMulticastAddress();
        if (multicast == s.unicast()) {
            discard(DiscardReason.DESTINATION_KIND, "Expected " + (s.unicast() ? "un" : "mult") + "icast packet but received "
                    + (s.unicast() ? "mult" : "un") + "icast packet from " + from);
            return;
        }
        if (s.options().ownerIgnoresAdverts() && effectivePriority == InstanceSettings.PRIORITY_OWNER) {
            discard(DiscardReason.OWNER_IGNORES_ADVERTS, "Dropping packet(s) from " + from + " since we are address owner");
            return;
        }
        count(Counter.RCVD_ADVERTISEMENTS);
        // keepalived's skip_check_adv_addr: a BACKUP trusts the addresses of the master it knows
        boolean masterChanged = state == VrrpState.BACKUP && !source.equals(masterAddress);
        if (state == VrrpState.MASTER || masterChanged || !s.options().skipCheckAdvertAddresses()) {
            checkAddressList(advert, from, s);
        }
        if (s.unicast() && s.options().checkUnicastSource() && !s.unicastPeers().contains(source)) {
            discard(DiscardReason.UNKNOWN_UNICAST_SOURCE, "unicast source address " + from + " not a unicast peer");
            return;
        }
        PeerTtl ttlRange = s.unicast() && s.options().checkUnicastSource() ? peerTtls.get(source) : null;
        if (ttlRange != null && (packet.ttl() < ttlRange.min() || packet.ttl() > ttlRange.max())) {
            discard(DiscardReason.TTL, "invalid TTL/HL from " + from + ". Received " + packet.ttl() + " and expect "
                    + ttlRange.min() + "-" + ttlRange.max());
            return;
        }
        if (masterChanged) {
            // only now, so that adverts with a spoofed source cannot defeat the rate limit (keepalived)
            clearRateLimitedLogs();
        }
        if (advert.priority() == 0) {
            count(Counter.RCVD_PRI_ZERO_PACKETS);
        }
        if (state == VrrpState.BACKUP) {
            backupReceived(advert, source, packet.receivedNanos());
        } else {
            masterReceived(advert, source);
        }
    }

    /**
     * Applies changed settings in place (keepalived's reload without leaving MASTER where it can
     * be avoided): priority, VIPs (added and removed on the interface while MASTER, new ones
     * announced), advert interval, preemption, authentication, GARP and lower-priority options.
     *
     * @throws IllegalArgumentException when {@link InstanceSettings#restartNeededFor} says the
     *         instance must be made anew
     */
    public void update(InstanceSettings next) {
        InstanceSettings old = settings;
        String why = old.restartNeededFor(next);
        if (why != null) {
            throw new IllegalArgumentException(prefix() + "cannot apply in place: " + why);
        }
        settings = next;
        warnAboutIgnoredPreemptSettings(next);
        updateEffectivePriority();
        if (vipsHeld && !old.virtualAddresses().equals(next.virtualAddresses())) {
            List<VirtualAddress> gone = new ArrayList<>(old.virtualAddresses());
            gone.removeAll(next.virtualAddresses());
            List<VirtualAddress> added = new ArrayList<>(next.virtualAddresses());
            added.removeAll(old.virtualAddresses());
            if (!gone.isEmpty()) {
                listener.log(LogLevel.DETAIL, prefix() + "removing VIPs.");
                gone.forEach(this::removeVip);
            }
            followAcceptMode(); // the gone ones let through once removed, the new ones blocked before added
            if (!added.isEmpty()) {
                listener.log(LogLevel.DETAIL, prefix() + "setting VIPs.");
                added.forEach(this::addVip);
                sendGratuitousArps(added, next.garpMasterRepeat());
            }
        }
        followAcceptMode(); // the priority may have become (or stopped being) 255
        if (old.advertIntervalCentis() != next.advertIntervalCentis()) {
            if (state == VrrpState.MASTER) {
                masterAdvertIntervalCentis = next.advertIntervalCentis();
                scheduleAdvertTimer();
            } else if (state == VrrpState.BACKUP && next.version() == 2) {
                masterAdvertIntervalCentis = next.advertIntervalCentis();
                startDownTimer(masterDownNanos(), "master down timer");
            } else if (state != VrrpState.BACKUP) {
                masterAdvertIntervalCentis = next.advertIntervalCentis();
            }
        }
        int moreAdverts = next.options().downTimerAdverts() - old.options().downTimerAdverts();
        if (moreAdverts != 0 && state == VrrpState.BACKUP && downDeadline != NO_DEADLINE) {
            // the running down timer moves as the updated Master_Down_Interval does
            long deadline = downDeadline + moreAdverts * VrrpTimers.centisToNanos(masterAdvertIntervalCentis);
            startDownTimer(Math.max(0, deadline - scheduler.nanoTime()), downReason);
        }
        if (state == VrrpState.MASTER && (old.garpMasterRefreshSeconds() != next.garpMasterRefreshSeconds()
                || old.garpMasterRefreshRepeat() != next.garpMasterRefreshRepeat())) {
            cancelGarpTimers();
            if (next.garpMasterRefreshSeconds() > 0) {
                scheduleGarpRefresh(VrrpTimers.NANOS_PER_SECOND * next.garpMasterRefreshSeconds());
            }
            if (extraGarpSeconds > 0 && !extraGarpInterfaces.isEmpty()) {
                scheduleExtraInterfaceGarps(VrrpTimers.NANOS_PER_SECOND * extraGarpSeconds);
            }
        }
    }

    /** A unicast peer's {@code min_ttl}/{@code max_ttl}: the TTL its adverts must arrive with. */
    public record PeerTtl(int min, int max) {
        public PeerTtl {
            if (min < 0 || max > 255 || min > max) {
                throw new IllegalArgumentException("TTL range must be within 0-255 and min <= max: " + min + "-" + max);
            }
        }
    }

    /**
     * The TTL ranges of the unicast peers that have one (keepalived's unicast_peer min_ttl/max_ttl);
     * checked together with check_unicast_src. Loop thread.
     */
    public void setUnicastPeerTtls(Map<InetAddress, PeerTtl> ranges) {
        peerTtls = Map.copyOf(ranges);
    }

    /**
     * keepalived's {@code garp_extra_if}: while MASTER, every {@code seconds} one gratuitous ARP
     * (or NA) goes out on each of {@code interfaces} that holds one of the VIPs or excluded
     * addresses, for the first of them there, so switches keep the MAC of interfaces that send no
     * adverts (VMACs of other instances, or the VMAC with vmac_xmit_base). 0 turns it off. Takes
     * effect at the next MASTER. Loop thread.
     */
    public void setExtraInterfaceGarps(int seconds, Set<String> interfaces) {
        if (seconds < 0) {
            throw new IllegalArgumentException("garp_extra_if interval must not be negative: " + seconds);
        }
        extraGarpSeconds = seconds;
        extraGarpInterfaces = Set.copyOf(interfaces);
    }

    /**
     * keepalived's {@code timer_expired_backup}: a MASTER (with nopreempt) whose adverts stopped
     * long enough for a router of {@code highestOtherPriority} to have taken over (this process was
     * frozen: a long pause, a VM not scheduled) goes back to BACKUP instead of resuming as MASTER
     * next to the one that took over. 0 turns it off. Loop thread.
     */
    public void setTimerExpiredBackup(int highestOtherPriority) {
        if (highestOtherPriority < 0 || highestOtherPriority > 254) {
            throw new IllegalArgumentException("highest other priority must be 1-254, or 0 for off: "
                    + highestOtherPriority);
        }
        timerExpiredBackupPriority = highestOtherPriority;
    }

    /** keepalived's VRRPv3 IPv4 checksum variants ({@code v3_checksum_as_v2}, {@code old_unicast_checksum}). Loop thread. */
    public void setChecksumRules(ChecksumRules rules) {
        if (!rules.equals(checksumRules)) {
            checksumRules = rules;
            oldUnicastChecksumDetected = false;
        }
    }

    /**
     * Sets what a MASTER holds besides its VIPs (excluded addresses, virtual routes and rules).
     * While they are held, what left the list is removed and what is new is installed at once,
     * new excluded addresses announced; otherwise they follow the next MASTER.
     *
     * @param routes installs the routes and rules; may be null when there are none
     */
    public void setMasterExtras(MasterExtras next, RouteManager routes) {
        List<VirtualAddress> added = extras.configure(Objects.requireNonNull(next, "extras"), routes, vipsHeld);
        followAcceptMode();
        if (!added.isEmpty()) {
            sendGratuitousArps(added, settings.garpMasterRepeat());
        }
    }

    /**
     * no_accept mode (RFC 5798 Accept_Mode false): while this instance holds its VIPs, {@code firewall}
     * drops traffic to them, unless the instance is the address owner. Null (the default) is
     * accept mode. Takes effect at once while MASTER. Loop thread.
     */
    public void setAcceptModeFirewall(VipFirewall firewall) {
        acceptMode.setFirewall(firewall);
        followAcceptMode();
    }

    private void followAcceptMode() {
        acceptMode.follow(vipsHeld, settings.addressOwner(), extras.announced(settings.virtualAddresses()));
    }

    /** The extras last set with {@link #setMasterExtras}. */
    public MasterExtras masterExtras() {
        return extras.extras();
    }

    /**
     * Interface (or another fault source) down or up again. Down: a MASTER sends a priority 0
     * advert and releases its VIPs; every state goes to FAULT and stops its timers. Up: BACKUP
     * with a fresh down timer (an address owner configured MASTER becomes MASTER at once), as
     * keepalived's {@code try_up_instance()}.
     */
    public void setFault(boolean down, String reason) {
        if (down) {
            boolean already = faultReason != null;
            faultReason = reason == null || reason.isBlank() ? "fault" : reason;
            wantsMaster = false;
            if (already || channel == null) {
                return;
            }
            if (state == VrrpState.FAULT) {
                return; // held in FAULT by the sync group already: now for a reason of our own
            }
            enterFault(faultReason);
            return;
        }
        if (faultReason == null) {
            return;
        }
        String cleared = reason == null || reason.isBlank() ? "fault cleared" : reason;
        faultReason = null;
        if (channel == null) {
            return;
        }
        if (group != null && group.holdsInFault(this)) {
            return; // keepalived's try_up_instance(): up only when no member of the group is down
        }
        leaveFault(cleared);
    }

    /**
     * Someone else deleted one of the VIPs, excluded addresses, virtual routes or rules this
     * instance holds as MASTER ({@code what} names it), as keepalived's netlink reflector sees it
     * ({@code set_vrrp_backup()}): the instance resigns to BACKUP with a priority 0 advert and a
     * down timer of just its skew time, so that it takes MASTER back, and everything with it, at
     * once unless a better router does; the MASTER members of its sync group do the same. Not
     * MASTER: nothing to do, it holds nothing.
     */
    public void ownEntryDeleted(String what) {
        if (channel == null || state != VrrpState.MASTER || !vipsHeld) {
            return;
        }
        String reason = what + " deleted";
        listener.log(LogLevel.INFO, prefix() + reason + " while MASTER; leaving MASTER to take it back");
        if (group != null) {
            group.resignTogether(this, reason);
        } else {
            resignToReturn(reason);
        }
    }

    /** keepalived's {@code set_vrrp_backup()} for one instance; a MASTER only. */
    void resignToReturn(String reason) {
        if (channel == null || state != VrrpState.MASTER) {
            return;
        }
        cancelTimer();
        cancelGarpTimers();
        listener.log(LogLevel.INFO, prefix() + "Entering BACKUP STATE");
        sendAdvert(0);
        listener.log(LogLevel.DETAIL, prefix() + "sent 0 priority");
        removeVips(false);
        preemptDeadline = NO_DEADLINE;
        wantsMaster = false;
        masterAddress = null;
        changeState(VrrpState.BACKUP, reason);
        startDownTimer(skewNanos(), "taking back MASTER after " + reason);
    }

    /** Mirrors keepalived's {@code down_instance()}: a MASTER resigns with a priority 0 advert. */
    private void enterFault(String reason) {
        VrrpState was = state;
        listener.log(LogLevel.INFO, prefix() + "Entering FAULT STATE");
        cancelTimer();
        cancelGarpTimers();
        if (was == VrrpState.MASTER) {
            sendAdvert(0);
            removeVips(false);
        }
        masterAddress = null;
        preemptDeadline = NO_DEADLINE;
        wantsMaster = false;
        changeState(VrrpState.FAULT, reason);
    }

    /** Mirrors the end of keepalived's {@code try_up_instance()}: BACKUP, or MASTER for an owner. */
    private void leaveFault(String reason) {
        InstanceSettings s = settings;
        masterAdvertIntervalCentis = s.advertIntervalCentis();
        if (s.addressOwner() && s.initialState() == VrrpState.MASTER && groupAllowsMaster()) {
            becomeMaster(reason);
            return;
        }
        leaveFaultForBackup(reason);
    }

    private void leaveFaultForBackup(String reason) {
        masterAdvertIntervalCentis = settings.advertIntervalCentis();
        listener.log(LogLevel.INFO, prefix() + "Entering BACKUP STATE");
        preemptDeadline = NO_DEADLINE;
        changeState(VrrpState.BACKUP, reason);
        startDownTimer(masterDownNanos(), "master down timer");
    }

    // ---------------------------------------------------------------- sync group

    /**
     * Joins {@code syncGroup} ({@code null}: leaves the current one). Called by {@link SyncGroup}
     * only. Leaving keeps the state, except that FAULT held for the group alone ends: there is
     * nothing left to recover from.
     */
    void joinGroup(SyncGroup syncGroup) {
        group = syncGroup;
        if (syncGroup == null && channel != null && state == VrrpState.FAULT && faultReason == null) {
            leaveFault("left sync group");
        }
    }

    /** The sync group this instance belongs to, or null. */
    SyncGroup group() {
        return group;
    }

    /** keepalived's wantstate == MASTER. */
    boolean wantsMaster() {
        return wantsMaster || state == VrrpState.MASTER;
    }

    /** Whether this instance itself is down (not merely held in FAULT by its group). */
    boolean ownFault() {
        return faultReason != null;
    }

    /**
     * The group moves this member to {@code target}, as keepalived's {@code vrrp_sync_master()},
     * {@code vrrp_sync_backup()} and {@code vrrp_sync_fault()} move the other members: with the
     * same adverts, VIPs, GARPs and timers as a transition of its own. An instance that is not
     * started, or is down itself, is left where it is.
     */
    void syncTo(VrrpState target, String reason) {
        if (channel == null || state == target || (faultReason != null && target != VrrpState.FAULT)) {
            return;
        }
        switch (target) {
            case MASTER -> {
                wantsMaster = true;
                becomeMaster(reason);
            }
            case BACKUP -> {
                wantsMaster = false;
                if (state == VrrpState.MASTER) {
                    leaveMasterForBackup(null, reason);
                } else {
                    leaveFaultForBackup(reason); // even an owner: the group is BACKUP
                }
            }
            case FAULT -> enterFault(reason);
            default -> throw new IllegalArgumentException("cannot sync to " + target);
        }
    }

    private boolean groupAllowsMaster() {
        return group == null || group.mayBecomeMaster(this);
    }

    /**
     * Sets the sum of tracker weights. The effective priority is base + offset clamped to 1-254,
     * except that an address owner (255) stays 255, as keepalived's
     * {@code vrrp_set_effective_priority()}. A BACKUP's running down timer moves by the change of
     * its skew.
     */
    public void setPriorityOffset(int offset) {
        priorityOffset = offset;
        updateEffectivePriority();
    }

    /**
     * keepalived's {@code notify_priority_changes}: whether a change of the effective priority
     * while started is told to {@link InstanceListener#priorityChanged}. Loop thread.
     */
    public void setNotifyPriorityChanges(boolean on) {
        notifyPriorityChanges = on;
    }

    // ---------------------------------------------------------------- views

    public InstanceSettings settings() {
        return settings;
    }

    public VrrpState state() {
        return state;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    /** A snapshot; callable from any thread. */
    public InstanceStatus status() {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            values.put(c.key(), counters.get(c.ordinal()));
        }
        InstanceSettings s = settings;
        return new InstanceStatus(s.name(), state, since, s.priority(), effectivePriority, primaryAddress,
                masterAddress, s.advertIntervalCentis(), masterAdvertIntervalCentis, vipsHeld, faultReason, values);
    }

    // ---------------------------------------------------------------- BACKUP

    /** Mirrors keepalived's {@code vrrp_state_backup()}. */
    private void backupReceived(Advert advert, InetAddress source, long arrivedNanos) {
        InstanceSettings s = settings;
        String from = source.getHostAddress();
        if (!source.equals(masterAddress)) {
            listener.log(LogLevel.DETAIL, prefix() + (masterAddress == null ? "master set to " + from
                    : "master changed from " + masterAddress.getHostAddress() + " to " + from));
        }
        if (advert.priority() == 0) {
            listener.log(LogLevel.DETAIL, prefix() + "Backup received priority 0 advertisement");
            startDownTimer(skewNanos() - sinceArrival(arrivedNanos), "priority 0 advert from " + from);
            return;
        }
        long now = scheduler.nanoTime();
        long preemptDelay = preemptDelayNanos(s);
        boolean accept = !preemptEnabled(s) || advert.priority() >= effectivePriority
                || (preemptDelay > 0 && (preemptDeadline == NO_DEADLINE || preemptDeadline - now > 0));
        if (!accept) {
            listener.log(LogLevel.INFO, prefix() + "received lower priority (" + advert.priority() + ") advert from "
                    + from + " - discarding");
            masterAddress = source;
            downReason = "preempting lower priority master " + from;
            return; // the down timer keeps running: we take over when it fires
        }
        if (s.version() == 3) {
            learnMasterInterval(advert.advertIntervalCentis());
        }
        masterAddress = source;
        // held in BACKUP by the group after our down timer fired: a master we accept ends that wish
        wantsMaster = false;
        startDownTimer(masterDownNanos() - sinceArrival(arrivedNanos), "master down timer");
        if (preemptDelay > 0) {
            if (advert.priority() >= effectivePriority) {
                if (preemptDeadline != NO_DEADLINE) {
                    listener.log(LogLevel.DETAIL, prefix() + "stop preempt delay");
                    preemptDeadline = NO_DEADLINE;
                }
            } else if (preemptDeadline == NO_DEADLINE) {
                listener.log(LogLevel.DETAIL, prefix() + "start preempt delay (" + preemptDelay / VrrpTimers.NANOS_PER_SECOND
                        + "." + String.format("%06d", preemptDelay % VrrpTimers.NANOS_PER_SECOND / 1000) + ")");
                preemptDeadline = now + preemptDelay;
            }
        }
    }

    private void downTimerExpired() {
        if (state != VrrpState.BACKUP) {
            return;
        }
        listener.log(LogLevel.DETAIL, prefix() + "Receive advertisement timeout");
        wantsMaster = true;
        if (!groupAllowsMaster()) {
            // keepalived's vrrp_sync_can_goto_master(): wait for the other members, staying BACKUP
            startDownTimer(masterDownNanos(), downReason);
            return;
        }
        becomeMaster(downReason);
    }

    // ---------------------------------------------------------------- MASTER

    /**
     * Mirrors keepalived's {@code vrrp_state_goto_master()} + {@code vrrp_state_master_tx()} +
     * {@code vrrp_state_become_master()}: advert first (so that the old master lets go of the
     * VIPs before our GARPs), then VIPs, then GARPs now, after garp_master_delay and every
     * garp_master_refresh.
     */
    private void becomeMaster(String reason) {
        InstanceSettings s = settings;
        cancelTimer();
        downDeadline = NO_DEADLINE;
        preemptDeadline = NO_DEADLINE;
        sendAdvert(effectivePriority);
        listener.log(LogLevel.INFO, prefix() + "Entering MASTER STATE");
        count(Counter.MASTER_TRANSITIONS);
        if (s.version() == 3 && masterAdvertIntervalCentis != s.advertIntervalCentis()) {
            listener.log(LogLevel.DETAIL, prefix() + "changing advert interval from " + masterAdvertIntervalCentis * 10
                    + "ms to locally configured " + s.advertIntervalCentis() * 10 + "ms");
        }
        masterAdvertIntervalCentis = s.advertIntervalCentis();
        addVips();
        sendGratuitousArps(extras.announced(s.virtualAddresses()), s.garpMasterRepeat());
        cancelGarpTimers();
        long delay = VrrpTimers.NANOS_PER_SECOND * s.garpMasterDelaySeconds();
        if (delay > 0) {
            garpTimers.add(scheduler.schedule(() -> {
                InstanceSettings now = settings;
                sendGratuitousArps(extras.announced(now.virtualAddresses()), now.garpMasterRepeat());
            }, delay));
        }
        if (s.garpMasterRefreshSeconds() > 0) {
            scheduleGarpRefresh(delay + VrrpTimers.NANOS_PER_SECOND * s.garpMasterRefreshSeconds());
        }
        if (extraGarpSeconds > 0 && !extraGarpInterfaces.isEmpty()) {
            scheduleExtraInterfaceGarps(delay + VrrpTimers.NANOS_PER_SECOND * extraGarpSeconds);
        }
        masterAddress = primaryAddress;
        changeState(VrrpState.MASTER, reason);
        scheduleAdvertTimer();
    }

    /** Mirrors keepalived's {@code vrrp_state_master_rx()}. */
    private void masterReceived(Advert advert, InetAddress source) {
        InstanceSettings s = settings;
        String from = source.getHostAddress();
        int ours = effectivePriority;
        int theirs = advert.priority();
        int addressOrder = compareAddresses(source, primaryAddress);
        if (theirs == 0) {
            listener.log(LogLevel.DETAIL, prefix() + "Master received priority 0 message");
            sendAdvert(ours);
            if (!s.options().lowerPriorityNoAdvert()) {
                scheduleAdvertTimer(); // keepalived restarts the advert timer only when it may answer lower adverts
            }
            return;
        }
        if (theirs == ours) {
            if (addressOrder == 0) {
                listener.log(LogLevel.WARN, prefix()
                        + "WARNING - equal priority advert received from remote host with our IP address.");
            } else if (ours == InstanceSettings.PRIORITY_OWNER && (addressOrder > 0 || !ownerConflictLogged)) {
                ownerConflictLogged = true;
                listener.log(LogLevel.WARN, prefix() + "CONFIGURATION ERROR: local instance and " + from
                        + " are both configured as address owner, please resolve");
            }
        }
        if (theirs < ours || (theirs == ours && addressOrder < 0)) {
            listener.log(LogLevel.INFO, prefix() + "Received advert from " + from + " with lower priority " + theirs
                    + ", ours " + ours + (s.options().lowerPriorityNoAdvert() ? "" : ", forcing new election"));
            if (!s.options().lowerPriorityNoAdvert()) {
                sendAdvert(ours);
                scheduleAdvertTimer();
            }
            // a lower priority master was there: refresh the ARP caches it took over
            sendLowerPriorityGarps();
            if (group != null) {
                group.otherMembers(this).forEach(VrrpInstance::sendLowerPriorityGarps);
            }
            // and let a script restore what it took outside VRRP (keepalived: an AWS secondary IP)
            listener.masterReceivedLowerPriority(ours, source);
            return;
        }
        if (theirs > ours || addressOrder > 0) {
            if (s.options().higherPrioritySendAdvert()) {
                // our advert, seen by the other master, makes it send its lower priority GARPs
                sendAdvert(ours);
            }
            if (theirs > ours && s.priority() != InstanceSettings.PRIORITY_OWNER) {
                listener.log(LogLevel.INFO, prefix() + "Master received advert from " + from
                        + " with higher priority " + theirs + ", ours " + ours);
            } else {
                listener.log(LogLevel.INFO, prefix() + "Master received advert from " + from
                        + " with same priority " + theirs + " but higher IP address than ours");
            }
            if (s.version() == 3) {
                learnMasterInterval(advert.advertIntervalCentis());
            }
            leaveMasterForBackup(source, (theirs > ours ? "higher priority" : "equal priority, higher address")
                    + " advert from " + from);
        }
        // equal priority from our own address: nothing more to do
    }

    /**
     * keepalived's garp_lower_prio_repeat / garp_lower_prio_delay: a burst now and one after the
     * delay, sent only while we hold the VIPs.
     */
    private void sendLowerPriorityGarps() {
        ProtocolOptions o = settings.options();
        if (o.garpLowerPriorityRepeat() == 0) {
            return;
        }
        sendGratuitousArps(extras.announced(settings.virtualAddresses()), o.garpLowerPriorityRepeat());
        if (o.garpLowerPriorityDelaySeconds() > 0) {
            garpTimers.add(scheduler.schedule(() -> {
                InstanceSettings now = settings;
                sendGratuitousArps(extras.announced(now.virtualAddresses()), now.options().garpLowerPriorityRepeat());
            }, VrrpTimers.NANOS_PER_SECOND * o.garpLowerPriorityDelaySeconds()));
        }
    }

    /** Mirrors keepalived's {@code vrrp_state_leave_master()} towards BACKUP. */
    private void leaveMasterForBackup(InetAddress newMaster, String reason) {
        cancelTimer();
        cancelGarpTimers();
        listener.log(LogLevel.INFO, prefix() + "Entering BACKUP STATE");
        removeVips(false);
        preemptDeadline = NO_DEADLINE;
        wantsMaster = false;
        masterAddress = newMaster;
        changeState(VrrpState.BACKUP, reason);
        startDownTimer(masterDownNanos(), "master down timer");
    }

    private void scheduleAdvertTimer() {
        cancelTimer();
        long generation = timerGeneration;
        long interval = VrrpTimers.centisToNanos(settings.advertIntervalCentis());
        long due = scheduler.nanoTime() + interval;
        timer = scheduler.schedule(() -> {
            if (generation == timerGeneration && state == VrrpState.MASTER) {
                if (overtaken(due)) {
                    return;
                }
                sendAdvert(effectivePriority);
                scheduleAdvertTimer();
            }
        }, interval);
    }

    /**
     * timer_expired_backup: true (and BACKUP now) when our last advert is older than another
     * router's Master_Down_Interval at the highest priority it may have, i.e. it may be MASTER.
     */
    private boolean overtaken(long dueNanos) {
        if (timerExpiredBackupPriority == 0 || lastAdvertSentNanos == 0) {
            return false;
        }
        InstanceSettings s = settings;
        long now = scheduler.nanoTime();
        long takeover = VrrpTimers.masterDownNanos(s.version(), timerExpiredBackupPriority, s.advertIntervalCentis());
        if (now - lastAdvertSentNanos < takeover) {
            return false;
        }
        long late = now - dueNanos;
        listener.log(LogLevel.INFO, String.format(java.util.Locale.ROOT, "VRRP thread timer expired %d.%06d seconds ago",
                late / VrrpTimers.NANOS_PER_SECOND, late % VrrpTimers.NANOS_PER_SECOND / 1000));
        leaveMasterForBackup(null, "timer expired");
        return true;
    }

    private void scheduleGarpRefresh(long delayNanos) {
        garpTimers.add(scheduler.schedule(() -> {
            InstanceSettings s = settings;
            if (state != VrrpState.MASTER || s.garpMasterRefreshSeconds() <= 0) {
                return;
            }
            sendGratuitousArps(extras.announced(s.virtualAddresses()), s.garpMasterRefreshRepeat());
            scheduleGarpRefresh(VrrpTimers.NANOS_PER_SECOND * s.garpMasterRefreshSeconds());
        }, delayNanos));
    }

    /** garp_extra_if: one announcement per listed interface, the first address held there. */
    private void scheduleExtraInterfaceGarps(long delayNanos) {
        garpTimers.add(scheduler.schedule(() -> {
            if (state != VrrpState.MASTER || extraGarpSeconds <= 0) {
                return;
            }
            Map<String, VirtualAddress> firstByInterface = new LinkedHashMap<>();
            for (VirtualAddress vip : extras.announced(settings.virtualAddresses())) {
                if (extraGarpInterfaces.contains(vip.device())) {
                    firstByInterface.putIfAbsent(vip.device(), vip);
                }
            }
            sendGratuitousArps(List.copyOf(firstByInterface.values()), 1);
            scheduleExtraInterfaceGarps(VrrpTimers.NANOS_PER_SECOND * extraGarpSeconds);
        }, delayNanos));
    }

    // ---------------------------------------------------------------- sending

    /** One advert for {@code destination}, with this instance's checksum rules. */
    private byte[] encode(Advert advert, InetAddress destination) {
        InstanceSettings s = settings;
        InetAddress pseudoDestination = oldUnicastChecksum(s, destination) ? s.multicastGroup() : destination;
        return AdvertCodec.encode(advert, primaryAddress, pseudoDestination, !checksumRules.v3AsV2());
    }

    /** Only IPv4 unicast knows the old checksum (the kernel checksums IPv6). */
    private boolean oldUnicastChecksum(InstanceSettings s, InetAddress destination) {
        return s.unicast() && destination instanceof java.net.Inet4Address
                && (checksumRules.unicast() == ChecksumRules.OldUnicast.ALWAYS
                || (checksumRules.unicast() == ChecksumRules.OldUnicast.DETECT && oldUnicastChecksumDetected));
    }

    /**
     * Decodes with this instance's checksum rules. A unicast VRRPv3 advert that fails its checksum
     * but checks with the multicast group as destination comes from a keepalived before 2.2.0:
     * unless told never to, answer in kind from then on (keepalived's detection, and its log line).
     */
    private DecodeResult decode(byte[] msg, InetAddress source, InetAddress destination) {
        InstanceSettings s = settings;
        InetAddress pseudoDestination = oldUnicastChecksum(s, destination) ? s.multicastGroup() : destination;
        DecodeResult decoded = AdvertCodec.decode(msg, source, pseudoDestination, !checksumRules.v3AsV2());
        if (decoded instanceof DecodeResult.Discarded d && d.reason() == DiscardReason.CHECKSUM && s.unicast()
                && destination instanceof java.net.Inet4Address && checksumRules.unicast() == ChecksumRules.OldUnicast.DETECT && !oldUnicastChecksumDetected
                && !destination.equals(s.multicastGroup())) {
            DecodeResult old = AdvertCodec.decode(msg, source, s.multicastGroup(), true);
            if (old instanceof DecodeResult.Decoded) {
                oldUnicastChecksumDetected = true;
                listener.log(LogLevel.INFO, prefix() + "Setting unicast VRRPv3 checksum to old version");
                return old;
            }
        }
        return decoded;
    }

    /** Mirrors keepalived's {@code vrrp_send_adv()}: one copy per destination, counted once. */
    private static Advert advert(InstanceSettings s, int priority) {
        List<InetAddress> addresses = s.virtualAddresses().stream().map(VirtualAddress::address).toList();
        return s.version() == 2
                ? Advert.v2(s.virtualRouterId(), priority, s.advertIntervalCentis() / 100, s.authPass(), addresses)
                : Advert.v3(s.virtualRouterId(), priority, s.advertIntervalCentis(), addresses);
    }

    private void sendAdvert(int priority) {
        VrrpChannel ch = channel;
        if (ch == null) {
            return;
        }
        InstanceSettings s = settings;
        Advert advert = advert(s, priority);
        for (InetAddress destination : ch.destinations()) {
            try {
                ch.send(destination, encode(advert, destination));
            } catch (Exception e) {
                // keepalived words the multicast and the unicast failure differently
                listener.log(LogLevel.WARN, s.unicast()
                        ? prefix() + "Cant send advert to " + destination.getHostAddress() + " (" + e.getMessage() + ")"
                        : "(" + s.name() + "): send advert error (" + e.getMessage() + ")");
            }
        }
        count(Counter.SENT_ADVERTISEMENTS);
        lastAdvertSentNanos = scheduler.nanoTime();
        if (priority == 0) {
            count(Counter.SENT_PRI_ZERO_PACKETS);
        }
    }

    /**
     * Mirrors keepalived's {@code vrrp_send_link_update()} / {@code vrrp_send_update()}: {@code rounds}
     * rounds of one GARP per VIP, the "Sending/queueing" line once per VIP.
     */
    private void sendGratuitousArps(List<VirtualAddress> addresses, int rounds) {
        if (!vipsHeld) {
            return;
        }
        ProtocolOptions o = settings.options();
        for (int round = 0; round < rounds; round++) {
            for (VirtualAddress vip : addresses) {
                boolean v4 = vip.address() instanceof Inet4Address;
                if (round == 0) {
                    listener.log(LogLevel.DETAIL, prefix() + "Sending/queueing " + (v4 ? "gratuitous ARPs" :
                            "Unsolicited Neighbour Adverts") + " on " + vip.device() + " for "
                            + vip.address().getHostAddress());
                }
                long interval = 1000L * (v4 ? o.garpIntervalMicros() : o.gnaIntervalMicros());
                pacer.announce(vip, rounds, interval, this::announce);
            }
        }
    }

    private void announce(VirtualAddress vip) {
        boolean v4 = vip.address() instanceof Inet4Address;
        String address = vip.address().getHostAddress();
        try {
            vipManager.announce(vip);
            // keepalived's send_arp() / ndisc_send_na() line, logged where the packet leaves
            listener.log(LogLevel.DETAIL, (v4 ? "Sending gratuitous ARP on " :
                    "Sending unsolicited Neighbour Advert on ") + vip.device() + " for " + address);
        } catch (Exception e) {
            listener.log(LogLevel.WARN, "Error sending " + (v4 ? "gratuitous ARP" : "unsolicited neighbour advert")
                    + " on " + vip.device() + " for " + address + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- VIPs

    /** Mirrors keepalived's {@code vrrp_handle_ipaddress(IPADDRESS_ADD)}; a present VIP is adopted. */
    private void addVips() {
        vipsHeld = true;
        followAcceptMode(); // keepalived sets the drop rules before the VIPs
        listener.log(LogLevel.DETAIL, prefix() + "setting VIPs.");
        settings.virtualAddresses().forEach(this::addVip);
        extras.install();
    }

    /**
     * Mirrors keepalived's {@code vrrp_restore_interface()}: removes the VIPs when we hold them,
     * or unconditionally ({@code force}) when starting, to clean up after an earlier run.
     */
    private void removeVips(boolean force) {
        if (!vipsHeld && !force) {
            return;
        }
        extras.releaseRouting();
        listener.log(LogLevel.DETAIL, prefix() + "removing VIPs.");
        pacer.cancel(extras.announced(settings.virtualAddresses())); // keepalived's vrrp_remove_delayed_arp()
        settings.virtualAddresses().forEach(this::removeVip);
        extras.releaseAddresses();
        vipsHeld = false;
        followAcceptMode(); // and removes them after the VIPs
    }

    private void addVip(VirtualAddress vip) {
        try {
            vipManager.add(vip);
        } catch (Exception e) {
            listener.log(LogLevel.WARN, prefix() + "cannot add VIP " + vip + ": " + e.getMessage());
        }
    }

    private void removeVip(VirtualAddress vip) {
        try {
            vipManager.remove(vip);
        } catch (Exception e) {
            listener.log(LogLevel.WARN, prefix() + "cannot remove VIP " + vip + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkAddressList(Advert advert, String from, InstanceSettings s) {
        List<VirtualAddress> ours = s.virtualAddresses();
        String problem = null;
        if (advert.addresses().size() != ours.size()) {
            problem = "expected " + ours.size() + " VIPs but received " + advert.addresses().size();
        } else {
            for (VirtualAddress vip : ours) {
                if (!advert.addresses().contains(vip.address())) {
                    problem = "ip address associated with VRID " + s.virtualRouterId() + " not present in advert from "
                            + from + ": " + vip.address().getHostAddress();
                    break;
                }
            }
        }
        if (problem != null) {
            // RFC 3768 §7.1: MAY log, and keepalived goes on processing the advert
            count(Counter.ADDRESS_LIST_ERRORS);
            if (!loggedAddressList) {
                loggedAddressList = true;
                listener.log(LogLevel.WARN, prefix() + problem);
            }
        }
    }

    private void discard(DiscardReason reason, String message) {
        if (reason.counter() != null) {
            count(reason.counter());
        }
        if (loggedDiscards.add(reason)) {
            listener.log(LogLevel.WARN, prefix() + message);
        }
    }

    /** keepalived's wording for the checks the codec makes. */
    private static String codecDiscardMessage(DecodeResult.Discarded d, byte[] msg, InetAddress source) {
        String from = source.getHostAddress();
        int version = msg.length > 0 ? (msg[0] & 0xff) >> 4 : 0;
        return switch (d.reason()) {
            case PACKET_LENGTH -> "vrrp packet from " + from + " " + d.detail();
            case UNKNOWN_VERSION -> "wrong VRRP version from " + from + ". Received " + version + " (" + d.detail() + ")";
            case INVALID_TYPE -> "Invalid packet type from " + from + ". " + (msg[0] & 0x0f) + " and expect 1";
            case INVALID_AUTH_TYPE -> "Invalid auth type from " + from + ": " + (msg[4] & 0xff);
            case CHECKSUM -> "Invalid VRRPv" + version + " checksum from " + from;
            default -> d.detail() + " from " + from;
        };
    }

    private void learnMasterInterval(int centis) {
        if (centis == 0 || centis == masterAdvertIntervalCentis) {
            return; // 0 is no interval at all: keep what we have rather than a zero down timer
        }
        listener.log(LogLevel.DETAIL, prefix() + "advertisement interval updated from " + masterAdvertIntervalCentis * 10
                + "ms to " + centis * 10 + "ms by master");
        masterAdvertIntervalCentis = centis;
    }

    private void updateEffectivePriority() {
        int next = computeEffectivePriority(settings.priority(), priorityOffset);
        int previous = effectivePriority;
        if (next == previous) {
            return;
        }
        long oldDown = masterDownNanos();
        if (settings.priority() != InstanceSettings.PRIORITY_OWNER) {
            listener.log(LogLevel.INFO, prefix() + "Changing effective priority from " + previous + " to " + next);
        }
        effectivePriority = next;
        if (state == VrrpState.BACKUP && downDeadline != NO_DEADLINE) {
            long deadline = downDeadline + (masterDownNanos() - oldDown);
            startDownTimer(Math.max(0, deadline - scheduler.nanoTime()), downReason);
        }
        // before start there is nothing to report yet: the first state notification carries it
        if (notifyPriorityChanges && channel != null) {
            listener.priorityChanged(state, next);
        }
    }

    private static int computeEffectivePriority(int base, int offset) {
        if (base == InstanceSettings.PRIORITY_OWNER) {
            return base;
        }
        return (int) Math.max(1, Math.min(254, (long) base + offset));
    }

    /** nopreempt and preempt_delay do not work with an initial state of MASTER (keepalived clears them). */
    private static boolean preemptEnabled(InstanceSettings s) {
        return s.preempt() || s.initialState() == VrrpState.MASTER;
    }

    private static long preemptDelayNanos(InstanceSettings s) {
        return s.initialState() == VrrpState.MASTER ? 0 : VrrpTimers.centisToNanos(s.preemptDelayCentis());
    }

    private void warnAboutIgnoredPreemptSettings(InstanceSettings s) {
        if (s.initialState() != VrrpState.MASTER) {
            return;
        }
        if (!s.preempt()) {
            listener.log(LogLevel.WARN, prefix() + "Warning - nopreempt will not work with initial state MASTER - clearing");
        }
        if (s.preemptDelayCentis() > 0) {
            listener.log(LogLevel.WARN, prefix() + "Warning - preempt delay will not work with initial state MASTER - clearing");
        }
    }

    private long skewNanos() {
        return VrrpTimers.skewNanos(settings.version(), effectivePriority, masterAdvertIntervalCentis);
    }

    private long masterDownNanos() {
        return VrrpTimers.masterDownNanos(settings.version(), effectivePriority, masterAdvertIntervalCentis,
                settings.options().downTimerAdverts());
    }

    /**
     * How long ago the packet arrived: the RFC's timers run from reception, not from when the
     * loop got to the packet. Zero for a time stamp that is missing or from another clock.
     */
    private long sinceArrival(long arrivedNanos) {
        long since = scheduler.nanoTime() - arrivedNanos;
        return arrivedNanos == 0 || since < 0 || since > VrrpTimers.NANOS_PER_SECOND ? 0 : since;
    }

    private void startDownTimer(long delayNanos, String reason) {
        cancelTimer();
        downReason = reason;
        downDeadline = scheduler.nanoTime() + delayNanos;
        long generation = timerGeneration;
        timer = scheduler.schedule(() -> {
            if (generation == timerGeneration) {
                downTimerExpired();
            }
        }, delayNanos);
    }

    private void cancelTimer() {
        timer.cancel();
        timer = Cancellable.NONE;
        timerGeneration++;
        downDeadline = NO_DEADLINE;
    }

    private void cancelGarpTimers() {
        garpTimers.forEach(Cancellable::cancel);
        garpTimers.clear();
    }

    private void changeState(VrrpState next, String reason) {
        VrrpState previous = state;
        Instant at = clock.instant();
        state = next;
        since = at;
        clearRateLimitedLogs();
        listener.stateChanged(new StateChange(settings.name(), previous, next, effectivePriority, reason, at));
        if (group != null) {
            group.memberChanged(this, previous, next, reason);
        }
    }

    private void clearRateLimitedLogs() {
        loggedDiscards.clear();
        intervalMismatchLogged = false;
        loggedAddressList = false;
    }

    private void count(Counter counter) {
        counters.incrementAndGet(counter.ordinal());
    }

    private String prefix() {
        return "(" + settings.name() + ") ";
    }

    /** Unsigned byte order; a shorter (IPv4) address sorts first. */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
