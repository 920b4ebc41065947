package dev.vigil.vrrp.engine;

import java.util.List;
import java.util.function.Supplier;

import dev.vigil.api.dataplane.VipFirewall;
import dev.vigil.api.dataplane.VirtualAddress;

/**
 * keepalived's {@code vrrp_handle_accept_mode()}: while an instance in no_accept mode that is not
 * the address owner holds its VIPs, the firewall drops traffic to them (and to its excluded
 * VIPs). The engine blocks just before adding the VIPs and unblocks after removing them. A
 * failure is logged and the VIPs are held anyway, as keepalived does. Loop thread only.
 */
final class AcceptModeGuard {

    private final InstanceListener listener;
    private final Supplier<String> name;
    /** Null in accept mode. */
    private VipFirewall firewall;
    /** Whether we asked {@link #firewall} to block and have not asked it to unblock since. */
    private boolean blocked;

    AcceptModeGuard(InstanceListener listener, Supplier<String> name) {
        this.listener = listener;
        this.name = name;
    }

    /** Switches between no_accept ({@code firewall}) and accept mode ({@code null}). */
    void setFirewall(VipFirewall next) {
        if (next != firewall && blocked) {
            unblock();
        }
        firewall = next;
    }

    /**
     * Brings the firewall in line: {@code addresses} blocked while {@code held} by a non-owner
     * in no_accept mode, nothing blocked otherwise.
     */
    void follow(boolean held, boolean addressOwner, List<VirtualAddress> addresses) {
        if (held && !addressOwner && firewall != null) {
            block(addresses);
        } else if (blocked) {
            unblock();
        }
    }

    private void block(List<VirtualAddress> addresses) {
        if (!blocked) {
            listener.log(LogLevel.DETAIL, prefix() + "setting firewall drop rule");
        }
        blocked = true; // even when it fails: a later unblock then clears what did get through
        try {
            firewall.block(name.get(), addresses);
        } catch (Exception e) {
            listener.log(LogLevel.WARN, prefix() + "cannot set firewall drop rule: " + e.getMessage());
        }
    }

    private void unblock() {
        listener.log(LogLevel.DETAIL, prefix() + "removing firewall drop rule");
        blocked = false;
        try {
            firewall.unblock(name.get());
        } catch (Exception e) {
            listener.log(LogLevel.WARN, prefix() + "cannot remove firewall drop rule: " + e.getMessage());
        }
    }

    private String prefix() {
        return "(" + name.get() + ") ";
    }
}
