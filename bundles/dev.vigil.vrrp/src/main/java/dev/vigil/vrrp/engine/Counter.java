package dev.vigil.vrrp.engine;

/**
 * Per-instance statistics. The {@link #key() key} of each is the MIB object name of RFC 6527
 * (VRRPv3-MIB, {@code vrrpv3Statistics*} / {@code vrrpv3Router*}) with the prefix dropped and
 * the first letter lowered; the three authentication counters exist only in RFC 2787
 * (VRRP-MIB, {@code vrrpStats*}) and are named the same way. {@link #SENT_ADVERTISEMENTS} is in
 * neither MIB (keepalived counts it as {@code advert_sent}).
 */
public enum Counter {
    /** vrrpv3StatisticsMasterTransitions (RFC 2787: vrrpStatsBecomeMaster). */
    MASTER_TRANSITIONS("masterTransitions"),
    /** vrrpv3StatisticsRcvdAdvertisements (RFC 2787: vrrpStatsAdvertiseRcvd). */
    RCVD_ADVERTISEMENTS("rcvdAdvertisements"),
    /** Adverts sent, priority 0 included (keepalived's advert_sent). */
    SENT_ADVERTISEMENTS("sentAdvertisements"),
    /** vrrpv3StatisticsAdvIntervalErrors (RFC 2787: vrrpStatsAdvertiseIntervalErrors). */
    ADV_INTERVAL_ERRORS("advIntervalErrors"),
    /** vrrpv3StatisticsIpTtlErrors (RFC 2787: vrrpStatsIpTtlErrors). */
    IP_TTL_ERRORS("ipTtlErrors"),
    /** vrrpv3StatisticsRcvdPriZeroPackets (RFC 2787: vrrpStatsPriorityZeroPktsRcvd). */
    RCVD_PRI_ZERO_PACKETS("rcvdPriZeroPackets"),
    /** vrrpv3StatisticsSentPriZeroPackets (RFC 2787: vrrpStatsPriorityZeroPktsSent). */
    SENT_PRI_ZERO_PACKETS("sentPriZeroPackets"),
    /** vrrpv3StatisticsRcvdInvalidTypePackets (RFC 2787: vrrpStatsInvalidTypePktsRcvd). */
    RCVD_INVALID_TYPE_PACKETS("rcvdInvalidTypePackets"),
    /** vrrpv3StatisticsAddressListErrors (RFC 2787: vrrpStatsAddressListErrors). */
    ADDRESS_LIST_ERRORS("addressListErrors"),
    /** vrrpv3StatisticsPacketLengthErrors (RFC 2787: vrrpStatsPacketLengthErrors). */
    PACKET_LENGTH_ERRORS("packetLengthErrors"),
    /** vrrpv3RouterChecksumErrors (router-wide in the MIB; counted per instance here). */
    CHECKSUM_ERRORS("checksumErrors"),
    /** vrrpv3RouterVersionErrors (router-wide in the MIB; counted per instance here). */
    VERSION_ERRORS("versionErrors"),
    /**
     * vrrpv3RouterVrIdErrors (router-wide in the MIB): adverts of other VRIDs seen by this
     * instance's channel. Every instance on a shared interface sees them, so sum with care.
     */
    VR_ID_ERRORS("vrIdErrors"),
    /** RFC 2787 vrrpStatsAuthFailures: v2 simple-text password mismatch. */
    AUTH_FAILURES("authFailures"),
    /** RFC 2787 vrrpStatsInvalidAuthType: v2 auth type other than 0 or 1. */
    INVALID_AUTH_TYPE("invalidAuthType"),
    /** RFC 2787 vrrpStatsAuthTypeMismatch: v2 auth type differs from ours. */
    AUTH_TYPE_MISMATCH("authTypeMismatch");

    private final String key;

    Counter(String key) {
        this.key = key;
    }

    /** The name used in {@link InstanceStatus#counters()} and {@code VrrpRouter.counters()}. */
    public String key() {
        return key;
    }
}
