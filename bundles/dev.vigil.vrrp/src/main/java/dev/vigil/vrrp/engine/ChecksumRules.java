package dev.vigil.vrrp.engine;

/**
 * How a VRRPv3 IPv4 instance computes and checks checksums when peers disagree with RFC 5798's
 * pseudo-header, as keepalived allows.
 *
 * @param v3AsV2 {@code v3_checksum_as_v2}: no pseudo-header in what is sent (as Cisco and Juniper
 *        compute it, and RFC 9568 asks), and received checksums are not checked
 * @param unicast {@code old_unicast_checksum [never]}: whether unicast adverts use the multicast
 *        group as the pseudo-header's destination, as keepalived before 2.2.0 did
 */
public record ChecksumRules(boolean v3AsV2, OldUnicast unicast) {

    /** keepalived's defaults: pseudo-header, old unicast checksums detected on receipt. */
    public static final ChecksumRules KEEPALIVED_DEFAULTS = new ChecksumRules(false, OldUnicast.DETECT);

    public ChecksumRules {
        java.util.Objects.requireNonNull(unicast, "unicast");
    }

    /** The pseudo-header destination of a unicast VRRPv3 IPv4 advert. */
    public enum OldUnicast {
        /** The unicast destination until a peer's advert only checks with the multicast group; then the group. */
        DETECT,
        /** {@code old_unicast_checksum}: always the multicast group. */
        ALWAYS,
        /** {@code old_unicast_checksum never}: always the unicast destination. */
        NEVER
    }
}
