package dev.vigil.vrrp.engine;

/** Why a received VRRP message was not processed, and which counter it bumps. */
public enum DiscardReason {
    /** Shorter than its header says, or longer. */
    PACKET_LENGTH(Counter.PACKET_LENGTH_ERRORS),
    /** A version this codec does not know (not 2 or 3). */
    UNKNOWN_VERSION(Counter.VERSION_ERRORS),
    /** A known version other than the instance's. */
    VERSION_MISMATCH(Counter.VERSION_ERRORS),
    /** Type other than 1 (ADVERTISEMENT). */
    INVALID_TYPE(Counter.RCVD_INVALID_TYPE_PACKETS),
    /** Checksum does not verify. */
    CHECKSUM(Counter.CHECKSUM_ERRORS),
    /** Another virtual router on the same wire: ignored silently, only counted. */
    VRID_MISMATCH(Counter.VR_ID_ERRORS),
    /** IP TTL is not 255 (multicast mode only, as keepalived). */
    TTL(Counter.IP_TTL_ERRORS),
    /** v2 auth type is neither 0 (none) nor 1 (simple text). */
    INVALID_AUTH_TYPE(Counter.INVALID_AUTH_TYPE),
    /** v2 auth type differs from the configured one. */
    AUTH_TYPE_MISMATCH(Counter.AUTH_TYPE_MISMATCH),
    /** v2 simple-text password differs. */
    AUTH_FAILURE(Counter.AUTH_FAILURES),
    /** v2 advert interval differs from ours (RFC 3768 §7.1: MUST discard). */
    ADVERT_INTERVAL(Counter.ADV_INTERVAL_ERRORS),
    /** Multicast advert on a unicast instance or the reverse. */
    DESTINATION_KIND(Counter.ADDRESS_LIST_ERRORS),
    /** An address owner with {@code owner_ignore_adverts}: not counted, as keepalived. */
    OWNER_IGNORES_ADVERTS(null),
    /** {@code check_unicast_src} and the source is no unicast peer: counted as received only, as keepalived. */
    UNKNOWN_UNICAST_SOURCE(null);

    private final Counter counter;

    DiscardReason(Counter counter) {
        this.counter = counter;
    }

    /** The counter it bumps, or null for none. */
    public Counter counter() {
        return counter;
    }
}
