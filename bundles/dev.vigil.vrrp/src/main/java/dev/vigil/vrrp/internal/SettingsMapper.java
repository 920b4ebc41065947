package dev.vigil.vrrp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.api.VrrpState;
import dev.vigil.api.dataplane.AddressOptions;
import dev.vigil.api.dataplane.VirtualAddress;
import dev.vigil.vrrp.engine.ChecksumRules;
import dev.vigil.vrrp.engine.InstanceSettings;
import dev.vigil.vrrp.engine.ProtocolOptions;
import dev.vigil.vrrp.engine.VrrpInstance;

/** Typed configuration → engine settings. Throws IllegalArgumentException with the field at fault. */
final class SettingsMapper {

    private SettingsMapper() {
    }

    static InstanceSettings toSettings(InstanceConfig c) {
        List<VirtualAddress> vips = new ArrayList<>();
        String vipDevice = VirtualMacPlan.of(c).vipDevice(c.interfaceName());
        for (String vip : c.virtualIpAddresses()) {
            vips.add(parseVip(vip, vipDevice));
        }
        List<InetAddress> peers = new ArrayList<>();
        for (String peer : c.unicastPeers()) {
            peers.add(literal(peer, "unicastPeers"));
        }
        VrrpState initial = switch (c.initialState().trim().toUpperCase()) {
            case "MASTER" -> VrrpState.MASTER;
            case "BACKUP" -> VrrpState.BACKUP;
            default -> throw new IllegalArgumentException("initialState must be MASTER or BACKUP, not " + c.initialState());
        };
        String auth = c.authPass();
        return new InstanceSettings(c.name(), c.interfaceName(), c.virtualRouterId(), c.version(), c.priority(),
                c.advertIntervalCentis(), initial, c.preempt(), c.preemptDelayCentis(),
                auth == null || auth.isEmpty() ? null : auth, vips,
                literal(c.multicastGroup(), "multicastGroup"), peers,
                c.garpMasterDelaySeconds(), c.garpMasterRepeat(), c.garpMasterRefreshSeconds(),
                c.garpMasterRefreshRepeat(), options(c));
    }

    static ProtocolOptions options(InstanceConfig c) {
        return new ProtocolOptions(c.skipCheckAdvertAddresses(), c.checkUnicastSource(), c.ownerIgnoresAdverts(),
                c.lowerPriorityNoAdvert(), c.higherPrioritySendAdvert(), c.garpLowerPriorityDelaySeconds(),
                c.garpLowerPriorityRepeat(), c.downTimerAdverts(), c.garpIntervalMicros(), c.gnaIntervalMicros());
    }

    static InetAddress sourceAddress(InstanceConfig c) {
        String s = c.sourceAddress();
        return s == null || s.isBlank() ? null : literal(s, "sourceAddress");
    }

    /**
     * {@code ADDR[/LEN] [dev IF] [label L] [AddressOptions words]}; LEN defaults to the full
     * length, IF to the instance's.
     */
    static VirtualAddress parseVip(String spec, String defaultDevice) {
        String[] words = spec.trim().split("\\s+");
        String addr = words[0];
        int slash = addr.indexOf('/');
        InetAddress address = literal(slash < 0 ? addr : addr.substring(0, slash), "virtualIpAddresses");
        int max = address.getAddress().length * 8;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(addr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in virtual address '" + spec + "'");
            }
        }
        String device = defaultDevice;
        String label = null;
        List<String> optionWords = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String option = words[i];
            if (option.equals(WatchedEntries.NO_TRACK)) {
                continue; // whether a deletion is watched, not how the address is put on
            }
            if (!option.equals("dev") && !option.equals("label")) {
                optionWords.add(option); // brd, scope, flags...: AddressOptions reads them
                continue;
            }
            if (i + 1 >= words.length) {
                throw new IllegalArgumentException("virtual address '" + spec + "': '" + option + "' needs a value");
            }
            String value = words[++i];
            if (option.equals("dev")) {
                device = value;
            } else {
                label = value;
            }
        }
        try {
            return new VirtualAddress(address, len, device, label, AddressOptions.parse(optionWords));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("virtual address '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** {@code unicastPeerTtls} ("ADDR MIN MAX") by peer address. */
    static Map<InetAddress, VrrpInstance.PeerTtl> peerTtls(InstanceConfig c) {
        Map<InetAddress, VrrpInstance.PeerTtl> out = new HashMap<>();
        for (String entry : c.unicastPeerTtls()) {
            String[] f = entry.trim().split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException("unicastPeerTtls: '" + entry + "' is not ADDR MIN MAX");
            }
            try {
                out.put(literal(f[0], "unicastPeerTtls"),
                        new VrrpInstance.PeerTtl(Integer.parseInt(f[1]), Integer.parseInt(f[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unicastPeerTtls: '" + entry + "' is not ADDR MIN MAX", e);
            }
        }
        return out;
    }

    /** {@code v3ChecksumAsV2} and {@code oldUnicastChecksum} (detect, always, never). */
    static ChecksumRules checksumRules(InstanceConfig c) {
        ChecksumRules.OldUnicast old = switch (c.oldUnicastChecksum().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "", "detect" -> ChecksumRules.OldUnicast.DETECT;
            case "always" -> ChecksumRules.OldUnicast.ALWAYS;
            case "never" -> ChecksumRules.OldUnicast.NEVER;
            default -> throw new IllegalArgumentException("oldUnicastChecksum: '" + c.oldUnicastChecksum()
                    + "' is not detect, always or never");
        };
        return new ChecksumRules(c.v3ChecksumAsV2(), old);
    }

    /** Parses an address literal without ever touching DNS. */
    static InetAddress literal(String text, String field) {
        String t = text.trim();
        if (!t.matches("[0-9a-fA-F:.]+") || t.isEmpty()) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an IP address");
        }
    }
}
