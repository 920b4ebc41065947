package dev.vigil.config.keepalived.model;

/**
 * keepalived's switches of the protocol engine. In {@link GlobalDefs} the global_defs values
 * with keepalived's defaults; in {@link VrrpInstanceDef} resolved for the instance: its own
 * keyword, else strict mode's value where strict mode sets one, else the global one.
 *
 * @param strictMode {@code strict_mode} / {@code vrrp_strict}: only its checks; its run-time
 *                   effects are in the other values
 * @param skipCheckAdvertAddresses {@code skip_check_adv_addr}
 * @param checkUnicastSource {@code check_unicast_src} (also on with a unicast_peer's min_ttl/max_ttl)
 * @param ownerIgnoresAdverts {@code owner_ignore_adverts}, only ever true for priority 255
 * @param lowerPriorityNoAdvert {@code lower_prio_no_advert}
 * @param higherPrioritySendAdvert {@code higher_prio_send_advert}
 * @param garpLowerPriorityDelaySeconds {@code garp_lower_prio_delay} (default: vrrp_garp_master_delay)
 * @param garpLowerPriorityRepeat {@code garp_lower_prio_repeat} (default: vrrp_garp_master_repeat)
 * @param downTimerAdverts {@code down_timer_adverts}, 1-100, default 3
 * @param garpIntervalMicros global {@code vrrp_garp_interval}, 0 for none
 * @param gnaIntervalMicros global {@code vrrp_gna_interval}, 0 for none
 */
public record ProtocolOptions(boolean strictMode, boolean skipCheckAdvertAddresses, boolean checkUnicastSource,
                              boolean ownerIgnoresAdverts, boolean lowerPriorityNoAdvert,
                              boolean higherPrioritySendAdvert, int garpLowerPriorityDelaySeconds,
                              int garpLowerPriorityRepeat, int downTimerAdverts, int garpIntervalMicros,
                              int gnaIntervalMicros) {

    public static final int DEFAULT_DOWN_TIMER_ADVERTS = 3;

    /** The same options with the GARP/NA spacing of a garp_group. */
    public ProtocolOptions withAnnouncementIntervals(int garpMicros, int gnaMicros) {
        return new ProtocolOptions(strictMode, skipCheckAdvertAddresses, checkUnicastSource, ownerIgnoresAdverts,
                lowerPriorityNoAdvert, higherPrioritySendAdvert, garpLowerPriorityDelaySeconds,
                garpLowerPriorityRepeat, downTimerAdverts, garpMicros, gnaMicros);
    }

    /** keepalived's defaults without any global_defs. */
    public static ProtocolOptions defaults() {
        return new ProtocolOptions(false, false, false, false, false, false,
                VrrpInstanceDef.DEFAULT_GARP_MASTER_DELAY, VrrpInstanceDef.DEFAULT_GARP_MASTER_REPEAT,
                DEFAULT_DOWN_TIMER_ADVERTS, 0, 0);
    }
}
