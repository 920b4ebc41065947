package dev.vigil.api.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The options keepalived's {@code virtual_ipaddress} lines may carry besides {@code dev} and
 * {@code label}, those netlink sets directly: {@code peer ADDR}, {@code brd ADDR}, {@code scope S},
 * the address flags and {@code preferred_lft}.
 *
 * @param broadcast IPv4 broadcast address, or null for none (as keepalived: no broadcast unless asked)
 * @param scope 0 (global) by default, 253 link, 254 host, 200 site
 * @param flags address flags; {@link Flag#DAD} is keepalived's {@code -nodad}
 * @param preferredLifetimeSeconds {@code preferred_lft}; {@link #FOREVER} by default, 0 makes the
 *                                 address deprecated (never chosen as a source)
 * @param peer the other end of a point-to-point address ({@code ip addr add A peer P/LEN}), or null
 *             for none: netlink's IFA_ADDRESS, the address itself being IFA_LOCAL; the
 *             {@link VirtualAddress}'s prefix length is then the peer's. Since 1.4.
 */
public record AddressOptions(InetAddress broadcast, int scope, Set<AddressOptions.Flag> flags,
        long preferredLifetimeSeconds, InetAddress peer) {

    public static final long FOREVER = 0xffffffffL;
    public static final AddressOptions NONE = new AddressOptions(null, 0, Set.of(), FOREVER, null);

    /** The flag words of keepalived's (and iproute2's) address syntax. */
    public enum Flag {
        /** {@code noprefixroute}: the kernel adds no route for the address's prefix. */
        NOPREFIXROUTE("noprefixroute"),
        /** {@code home}: an IPv6 Mobile IP home address. */
        HOME("home"),
        /** {@code mngtmpaddr}: IPv6 privacy addresses are made from this one. */
        MNGTMPADDR("mngtmpaddr"),
        /** {@code autojoin}: join the multicast group of a multicast address. */
        AUTOJOIN("autojoin"),
        /** keepalived's {@code -nodad}: run duplicate address detection (Vigil skips it for IPv6 VIPs otherwise). */
        DAD("-nodad");

        private final String word;

        Flag(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Flag ofWord(String word) {
            for (Flag f : values()) {
                if (f.word.equals(word)) {
                    return f;
                }
            }
            return null;
        }
    }

    public AddressOptions {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (broadcast != null && !(broadcast instanceof Inet4Address)) {
            throw new IllegalArgumentException("a broadcast address is IPv4");
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope + " out of range 0-255");
        }
        if (preferredLifetimeSeconds < 0 || preferredLifetimeSeconds > FOREVER) {
            throw new IllegalArgumentException("preferred_lft " + preferredLifetimeSeconds + " out of range");
        }
    }

    /** The 1.3 constructor: no peer. */
    public AddressOptions(InetAddress broadcast, int scope, Set<AddressOptions.Flag> flags,
            long preferredLifetimeSeconds) {
        this(broadcast, scope, flags, preferredLifetimeSeconds, null);
    }

    /**
     * Reads option words as {@link #toString()} writes them: {@code peer ADDR}, {@code brd ADDR},
     * {@code scope S}, flag words, {@code preferred_lft N|forever}.
     *
     * @throws IllegalArgumentException naming the word at fault
     */
    public static AddressOptions parse(List<String> words) {
        InetAddress broadcast = null;
        int scope = 0;
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        long preferred = FOREVER;
        InetAddress peer = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "peer" -> peer = RouteWords.literal(RouteWords.valueOf(words, i++), words.get(i));
                case "brd", "broadcast" -> broadcast = RouteWords.literal(RouteWords.valueOf(words, i++), words.get(i));
                case "scope" -> scope = RouteWords.scope(RouteWords.valueOf(words, i++));
                case "preferred_lft" -> {
                    String value = RouteWords.valueOf(words, i++);
                    preferred = value.equals("forever") ? FOREVER
                            : Integer.toUnsignedLong(RouteWords.number(value, 0, FOREVER, "preferred_lft"));
                }
                default -> {
                    Flag flag = Flag.ofWord(word);
                    if (flag == null) {
                        throw new IllegalArgumentException("unknown address option '" + word + "'");
                    }
                    flags.add(flag);
                }
            }
        }
        return new AddressOptions(broadcast, scope, flags, preferred, peer);
    }

    /** The words this adds to an address line, each with its value; empty for {@link #NONE}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (peer != null) {
            s.append(" peer ").append(RouteWords.text(peer));
        }
        if (broadcast != null) {
            s.append(" brd ").append(broadcast.getHostAddress());
        }
        if (scope != 0) {
            s.append(" scope ").append(RouteWords.scopeName(scope));
        }
        for (Flag f : Flag.values()) {
            if (flags.contains(f)) {
                s.append(' ').append(f.word());
            }
        }
        if (preferredLifetimeSeconds != FOREVER) {
            s.append(" preferred_lft ").append(preferredLifetimeSeconds);
        }
        return s.toString();
    }
}
