package dev.vigil.vrrp.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.vigil.api.VrrpState;

/**
 * One {@code vrrp_sync_group}: its members change state together, as keepalived 2.x's
 * {@code vrrp_sync.c} has them do.
 * <ul>
 * <li>MASTER only when every member wants MASTER: a member whose down timer fires while another
 * still accepts its master stays BACKUP and waits another Master_Down_Interval
 * ({@code vrrp_sync_can_goto_master()}); the last one to want it takes the others along.</li>
 * <li>A member leaving MASTER for BACKUP takes the others to BACKUP (without a priority 0
 * advert, so their peers time out as for a silent master).</li>
 * <li>A member going down takes every member to FAULT (a MASTER resigns with a priority 0
 * advert); they come out of FAULT, to BACKUP, together when the last member is up again.</li>
 * </ul>
 * Members that are not configured (yet) are simply absent: the group coordinates those present.
 *
 * <p>Threading: the members' scheduler thread only, like {@link VrrpInstance}; {@link #state()}
 * may be read from any thread.
 */
public final class SyncGroup {

    private final String name;
    private final GroupListener listener;
    private final List<VrrpInstance> members = new ArrayList<>();
    private volatile VrrpState state = VrrpState.INIT;
    /** Set while the group moves its members: their transitions are the group's, not events. */
    private boolean syncing;

    public SyncGroup(String name, GroupListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public String name() {
        return name;
    }

    /** INIT until it has a member, then MASTER, BACKUP or FAULT. */
    public VrrpState state() {
        return state;
    }

    public List<String> memberNames() {
        return members.stream().map(m -> m.settings().name()).toList();
    }

    /** The members other than {@code member}, in the order they joined. */
    List<VrrpInstance> otherMembers(VrrpInstance member) {
        return members.stream().filter(m -> m != member).toList();
    }

    public boolean contains(VrrpInstance member) {
        return members.contains(member);
    }

    /**
     * Adds {@code member} (before or after it started) and brings the group to one state: FAULT
     * when any member is down, MASTER when the group was MASTER or every member is, else BACKUP.
     *
     * @throws IllegalStateException when it already belongs to another group
     */
    public void add(VrrpInstance member) {
        add(List.of(member));
    }

    /** Adds several members at once (a group being configured), then settles the group's state once. */
    public void add(List<VrrpInstance> newcomers) {
        for (VrrpInstance member : newcomers) {
            SyncGroup other = member.group();
            if (other != null && other != this) {
                throw new IllegalStateException("Virtual router " + member.settings().name()
                        + " cannot exist in more than one sync group; ignoring " + name);
            }
        }
        List<String> joined = new ArrayList<>();
        for (VrrpInstance member : newcomers) {
            if (member.group() == null) {
                members.add(member);
                member.joinGroup(this);
                joined.add(member.settings().name());
            }
        }
        if (!joined.isEmpty()) {
            reconcile("instance(s) " + String.join(", ", joined) + " joined");
        }
    }

    /** Removes {@code member}: it stays in its state (FAULT held for the group alone ends). */
    public void remove(VrrpInstance member) {
        if (!members.remove(member)) {
            return;
        }
        member.joinGroup(null);
        if (!members.isEmpty()) {
            reconcile("instance " + member.settings().name() + " left");
        }
    }

    /** The group configuration is gone: every member carries on alone. */
    public void dissolve() {
        for (VrrpInstance member : List.copyOf(members)) {
            members.remove(member);
            member.joinGroup(null);
        }
    }

    // ---------------------------------------------------------------- called by the members

    /** keepalived's {@code vrrp_sync_can_goto_master()}. */
    boolean mayBecomeMaster(VrrpInstance member) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        return members.stream().allMatch(m -> m == member || m.wantsMaster());
    }

    /** Whether another member is down, which keeps {@code member} in FAULT. */
    boolean holdsInFault(VrrpInstance member) {
        return members.stream().anyMatch(m -> m != member && m.ownFault());
    }

    /** keepalived's transition matrix ({@code VRRP_TSM}) plus the FAULT handling of {@code vrrp_track.c}. */
    void memberChanged(VrrpInstance member, VrrpState from, VrrpState to, String reason) {
        if (syncing || !members.contains(member)) {
            return;
        }
        String why = member.settings().name() + ": " + reason;
        switch (to) {
            case MASTER -> {
                if (state != VrrpState.MASTER && mayBecomeMaster(member)) {
                    sync(VrrpState.MASTER, member, why);
                }
            }
            case BACKUP -> {
                // from INIT is a (re)start: keepalived's matrix has no handler for it
                if (from != VrrpState.INIT && state != VrrpState.BACKUP) {
                    sync(VrrpState.BACKUP, member, why);
                }
            }
            case FAULT -> {
                if (state != VrrpState.FAULT) {
                    sync(VrrpState.FAULT, member, why);
                }
            }
            default -> {
                // INIT: a member stopping is removed by its owner; nothing to follow
            }
        }
    }

    /**
     * keepalived's {@code set_vrrp_backup()} for a group: {@code trigger} lost an entry it holds
     * as MASTER, and it and every other MASTER member resign, each to take MASTER back after its
     * skew time (the last of them to want it takes the group along).
     */
    void resignTogether(VrrpInstance trigger, String reason) {
        syncing = true;
        try {
            trigger.resignToReturn(reason);
            for (VrrpInstance m : otherMembers(trigger)) {
                m.resignToReturn("sync group " + name + " BACKUP");
            }
        } finally {
            syncing = false;
        }
        if (state != VrrpState.BACKUP) {
            changeState(VrrpState.BACKUP, trigger.settings().name() + ": " + reason);
        }
    }

    // ---------------------------------------------------------------- internals

    private void reconcile(String why) {
        boolean anyDown = members.stream().anyMatch(VrrpInstance::ownFault);
        List<VrrpInstance> started = members.stream().filter(VrrpInstance::started).toList();
        boolean allMaster = !started.isEmpty() && started.stream().allMatch(m -> m.state() == VrrpState.MASTER);
        VrrpState target = anyDown ? VrrpState.FAULT
                : state == VrrpState.MASTER || allMaster ? VrrpState.MASTER : VrrpState.BACKUP;
        if (started.stream().anyMatch(m -> m.state() != target)) {
            sync(target, null, why);
        } else if (state != target) {
            changeState(target, why);
        }
    }

    /** Moves every member but {@code trigger} to {@code target}, as keepalived's vrrp_sync_*(). */
    private void sync(VrrpState target, VrrpInstance trigger, String why) {
        listener.log(LogLevel.INFO, "VRRP_Group(" + name + ") Syncing instances to " + target + " state");
        syncing = true;
        try {
            for (VrrpInstance m : List.copyOf(members)) {
                if (m != trigger && m.state() != target) {
                    m.syncTo(target, "sync group " + name + " " + target);
                }
            }
        } finally {
            syncing = false;
        }
        changeState(target, why);
    }

    private void changeState(VrrpState next, String why) {
        VrrpState previous = state;
        state = next;
        listener.groupStateChanged(this, previous, next, why);
    }
}
