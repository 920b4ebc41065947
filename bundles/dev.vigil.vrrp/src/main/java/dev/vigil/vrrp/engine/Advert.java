package dev.vigil.vrrp.engine;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP ADVERTISEMENT, version 2 (RFC 3768 §5) or 3 (RFC 5798 §5), without its checksum.
 *
 * @param version 2 or 3
 * @param virtualRouterId 0-255 as carried (configurations use 1-255)
 * @param priority 0 (stop) to 255 (address owner)
 * @param advertIntervalCentis v3: the 12-bit Max Adver Int; v2: Adver Int seconds times 100
 * @param authType v2 Auth Type (0 none, 1 simple text); always 0 for v3
 * @param authData v2: the 8 authentication bytes; null for v3
 * @param addresses the virtual addresses carried, all of one family
 */
public record Advert(int version, int virtualRouterId, int priority, int advertIntervalCentis, int authType,
        byte[] authData, List<InetAddress> addresses) {

    /** The only VRRP message type. */
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SIMPLE_TEXT = 1;
    public static final int AUTH_DATA_LENGTH = 8;

    public Advert {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, not " + version);
        }
        check("virtual router id", virtualRouterId, 0, 255);
        check("priority", priority, 0, 255);
        addresses = List.copyOf(addresses);
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("at most 255 addresses, not " + addresses.size());
        }
        if (addresses.stream().map(a -> a instanceof Inet4Address).distinct().count() > 1) {
            throw new IllegalArgumentException("addresses of mixed families: " + addresses);
        }
        if (version == 2) {
            check("v2 advert interval (centiseconds)", advertIntervalCentis, 0, 255 * 100);
            if (advertIntervalCentis % 100 != 0) {
                throw new IllegalArgumentException("v2 advert interval must be whole seconds, not "
                        + advertIntervalCentis + " centiseconds");
            }
            check("auth type", authType, 0, 255);
            authData = authData == null ? new byte[AUTH_DATA_LENGTH] : authData.clone();
            if (authData.length != AUTH_DATA_LENGTH) {
                throw new IllegalArgumentException("v2 auth data is 8 bytes, not " + authData.length);
            }
        } else {
            check("v3 max advert interval (centiseconds)", advertIntervalCentis, 0, 0xfff);
            if (authType != 0 || authData != null) {
                throw new IllegalArgumentException("VRRPv3 has no authentication");
            }
        }
    }

    /** A v2 advert; {@code authPass} null for auth type 0, else simple text (at most 8 bytes). */
    public static Advert v2(int vrid, int priority, int advertIntervalSeconds, String authPass,
            List<InetAddress> addresses) {
        return new Advert(2, vrid, priority, advertIntervalSeconds * 100,
                authPass == null ? AUTH_NONE : AUTH_SIMPLE_TEXT, authPassBytes(authPass), addresses);
    }

    public static Advert v3(int vrid, int priority, int advertIntervalCentis, List<InetAddress> addresses) {
        return new Advert(3, vrid, priority, advertIntervalCentis, AUTH_NONE, null, addresses);
    }

    /** The password as carried: its UTF-8 bytes zero-padded to 8 (all zeros for none). */
    public static byte[] authPassBytes(String authPass) {
        byte[] data = new byte[AUTH_DATA_LENGTH];
        if (authPass != null) {
            byte[] raw = authPass.getBytes(StandardCharsets.UTF_8);
            if (raw.length > AUTH_DATA_LENGTH) {
                throw new IllegalArgumentException("auth_pass is at most 8 bytes, not " + raw.length);
            }
            System.arraycopy(raw, 0, data, 0, raw.length);
        }
        return data;
    }

    /** Same advert with another priority (priority 0 when stopping). */
    public Advert withPriority(int newPriority) {
        return new Advert(version, virtualRouterId, newPriority, advertIntervalCentis, authType, authData, addresses);
    }

    @Override
    public byte[] authData() {
        return authData == null ? null : authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Advert a && version == a.version && virtualRouterId == a.virtualRouterId
                && priority == a.priority && advertIntervalCentis == a.advertIntervalCentis
                && authType == a.authType && Arrays.equals(authData, a.authData) && addresses.equals(a.addresses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, virtualRouterId, priority, advertIntervalCentis, authType,
                Arrays.hashCode(authData), addresses);
    }

    @Override
    public String toString() {
        return "Advert[v" + version + " vrid " + virtualRouterId + " prio " + priority + " int "
                + advertIntervalCentis + "cs auth " + authType + " " + addresses + "]";
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " out of range " + min + "-" + max);
        }
    }
}
