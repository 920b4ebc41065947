package dev.vigil.config.keepalived.parser;

import dev.vigil.api.dataplane.AddressOptions;
import dev.vigil.config.keepalived.grammar.ParseContext;
import dev.vigil.config.keepalived.model.AddressFamily;
import dev.vigil.config.keepalived.diag.SourceLocation;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a {@code virtual_ipaddress} line after {@code dev} and {@code label}, read as
 * keepalived reads them (vrrp_ipaddress.c) and written in {@link AddressOptions}' normalised
 * form, which the VRRP bundle hands to netlink. One instance per line.
 */
final class VipOptions {

    /** Flags keepalived knows for any address, as {@link AddressOptions.Flag} words. */
    private static final Set<String> FLAGS = Set.of("noprefixroute", "autojoin", "-nodad");
    /** Flags that mean something for IPv6 only (Mobile IPv6 home address, privacy addresses). */
    private static final Set<String> IPV6_FLAGS = Set.of("home", "mngtmpaddr");
    /** keepalived options Vigil does not implement: warned about, value skipped. */
    static final Set<String> NOT_IMPLEMENTED_WITH_VALUE = Set.of();
    static final Set<String> NOT_IMPLEMENTED = Set.of();
    /** A VIP's own VMAC on its interface: not for static addresses (keepalived). */
    static final String USE_VMAC = "use_vmac";
    /** Words whose meaning is what Vigil does anyway: accepted without effect. */
    static final Set<String> ALREADY_SO = Set.of("nodad");
    /** keepalived's: written after the options, read by the VRRP bundle (the address's deletion is not watched). */
    static final String NO_TRACK = "no_track";
    /** Static addresses only: the {@code track_group} a static_ipaddress line names (read by {@link TrackGroups}). */
    static final String TRACK_GROUP = "track_group";
    static final List<String> ALL = List.of("brd", "broadcast", "scope", "preferred_lft", "noprefixroute", "autojoin",
            "-nodad", "home", "mngtmpaddr", "peer", "track_group", "use_vmac", "no_track", "nodad");

    private final String vip;
    private final InetAddress address;
    private final int prefixLength;
    private final SourceLocation location;
    private final ParseContext context;
    private final List<String> words = new ArrayList<>();
    private final boolean staticAddress;
    private boolean failed;
    private boolean noTrack;
    private boolean useVmac;
    /** {@code brd B}: dropped when there is a peer, wherever it came on the line (keepalived). */
    private List<String> broadcastWords = List.of();
    private InetAddress peer;
    private int peerPrefixLength;

    VipOptions(String vip, InetAddress address, int prefixLength, SourceLocation location, ParseContext context) {
        this(vip, address, prefixLength, location, context, false);
    }

    VipOptions(String vip, InetAddress address, int prefixLength, SourceLocation location, ParseContext context,
            boolean staticAddress) {
        this.staticAddress = staticAddress;
        this.vip = vip;
        this.address = address;
        this.prefixLength = prefixLength;
        this.location = location;
        this.context = context;
    }

    static boolean takesValue(String option) {
        return option.equals("brd") || option.equals("broadcast") || option.equals("scope")
                || option.equals("peer") || option.equals("preferred_lft") || option.equals(TRACK_GROUP)
                || NOT_IMPLEMENTED_WITH_VALUE.contains(option);
    }

    static boolean known(String option) {
        return ALL.contains(option);
    }

    /** Reads one option ({@code value} null for a flag). */
    void read(String option, String value) {
        boolean v6 = AddressFamily.of(address) == AddressFamily.IPV6;
        switch (option) {
            case "brd", "broadcast" -> broadcast(value, v6);
            case "scope" -> {
                if (v6) {
                    context.warning(location, "cannot specify scope for IPv6 address " + vip + "; scope ignored");
                } else {
                    checked(List.of("scope", value));
                }
            }
            case "preferred_lft" -> checked(List.of("preferred_lft", value));
            case "peer" -> peer(value);
            case NO_TRACK -> noTrack = true;
            case USE_VMAC -> {
                if (staticAddress) {
                    context.warning(location, "Unknown configuration entry 'use_vmac' for ip address - ignoring");
                } else {
                    useVmac = true;
                }
            }
            case TRACK_GROUP -> {
                if (!staticAddress) {
                    // keepalived: an unknown entry for a virtual address, reported and ignored
                    context.warning(location, "track_group is for static_ipaddress only; ignored for " + vip);
                }
            }
            default -> {
                if (FLAGS.contains(option)) {
                    words.add(option);
                } else if (IPV6_FLAGS.contains(option)) {
                    if (v6) {
                        words.add(option);
                    } else {
                        context.warning(location, "'" + option + "' is for IPv6 addresses; ignored for " + vip);
                    }
                } else if (NOT_IMPLEMENTED.contains(option) || NOT_IMPLEMENTED_WITH_VALUE.contains(option)) {
                    context.warning(location, "virtual_ipaddress option '" + option + "' is not implemented yet; ignored");
                }
                // ALREADY_SO: nodad (IPv6 VIPs skip DAD)
            }
        }
    }

    /**
     * The normalised option text (" brd B scope link ... no_track"), or empty when an option was
     * invalid (reported).
     */
    Optional<String> normalised() {
        if (failed) {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>(words);
        if (peer == null) {
            all.addAll(broadcastWords);
        } else {
            if (!broadcastWords.isEmpty()) {
                context.warning(location, "Cannot specify broadcast and peer addresses - ignoring broadcast address"
                        + " for " + vip);
            }
            all.addAll(List.of("peer", peer.getHostAddress()));
        }
        return Optional.of(AddressOptions.parse(all) + (noTrack ? " " + NO_TRACK : ""));
    }

    /** {@code use_vmac}: the address wants an extra VMAC on its interface. */
    boolean useVmac() {
        return useVmac;
    }

    /** The prefix length the address goes on with: with a peer, the peer's (keepalived, ip addr). */
    int prefixLength() {
        return peer == null ? prefixLength : peerPrefixLength;
    }

    /**
     * {@code peer ADDR[/LEN]}: the other end of a point-to-point address, of the address's family;
     * its prefix length (a host prefix without /LEN) replaces the address's, as in keepalived,
     * which ignores a prefix given on the address itself.
     */
    private void peer(String value) {
        if (peer != null) {
            context.warning(location, "Peer " + value + " - another peer has already been specified; ignored");
            return;
        }
        int slash = value.indexOf('/');
        Optional<InetAddress> parsed = dev.vigil.config.keepalived.grammar.Values.parseAddress(
                slash < 0 ? value : value.substring(0, slash));
        if (parsed.isEmpty()) {
            error("Invalid peer address " + value + " for " + vip);
            return;
        }
        AddressFamily family = AddressFamily.of(parsed.get());
        if (family != AddressFamily.of(address)) {
            error("Peer address " + value + " does not match address family of " + vip);
            return;
        }
        int length = family.maxPrefixLength();
        if (slash >= 0) {
            try {
                length = dev.vigil.config.keepalived.grammar.Values.integer(0, family.maxPrefixLength())
                        .parse(value.substring(slash + 1));
            } catch (dev.vigil.config.keepalived.grammar.InvalidValueException e) {
                error("Invalid peer address " + value + " for " + vip);
                return;
            }
        }
        if (prefixLength != AddressFamily.of(address).maxPrefixLength()) {
            context.warning(location, "Cannot specify address prefix when specifying peer address - ignoring"
                    + " the prefix of " + vip);
        }
        peer = parsed.get();
        peerPrefixLength = length;
    }

    /** keepalived: an address, or {@code +}/{@code -} for the subnet's last/first address (prefix up to /30). */
    private void broadcast(String value, boolean v6) {
        if (v6) {
            error("cannot assign a broadcast address to the IPv6 address " + vip);
            return;
        }
        if (value.equals("+") || value.equals("-")) {
            if (prefixLength > 30) {
                context.warning(location, "address prefix length " + prefixLength + " too long for broadcast; '"
                        + value + "' ignored for " + vip);
                return;
            }
            int host = (int) (0xffffffffL >>> prefixLength);
            int bits = java.nio.ByteBuffer.wrap(address.getAddress()).getInt();
            int brd = value.equals("+") ? bits | host : bits & ~host;
            try {
                broadcastWords = List.of("brd",
                        InetAddress.getByAddress(java.nio.ByteBuffer.allocate(4).putInt(brd).array()).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        Optional<InetAddress> parsed = dev.vigil.config.keepalived.grammar.Values.parseAddress(value);
        if (parsed.isEmpty() || !(parsed.get() instanceof Inet4Address)) {
            error("invalid broadcast '" + value + "' for " + vip + ": must be an IPv4 address, '+' or '-'");
            return;
        }
        broadcastWords = List.of("brd", parsed.get().getHostAddress());
    }

    private void checked(List<String> option) {
        try {
            AddressOptions.parse(option);
            words.addAll(option);
        } catch (IllegalArgumentException e) {
            error("virtual_ipaddress " + vip + ": " + e.getMessage());
        }
    }

    private void error(String message) {
        failed = true;
        context.error(location, message);
    }
}
