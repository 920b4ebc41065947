package dev.vigil.vrrp.engine;

/**
 * keepalived's switches that change how the protocol runs, already resolved (the instance's
 * keyword, else global_defs, else strict mode's or keepalived's default) by whoever configures
 * the instance.
 *
 * @param skipCheckAdvertAddresses {@code skip_check_adv_addr}: a BACKUP checks the addresses of
 *                                 an advert only when it comes from a new master
 * @param checkUnicastSource {@code check_unicast_src}: a unicast instance drops adverts whose
 *                           source is not one of its unicast peers
 * @param ownerIgnoresAdverts {@code owner_ignore_adverts}: while its priority is 255, the
 *                            instance drops every advert (strict mode's default for owners)
 * @param lowerPriorityNoAdvert {@code lower_prio_no_advert}: a MASTER does not answer a lower
 *                              priority advert with one of its own
 * @param higherPrioritySendAdvert {@code higher_prio_send_advert}: a MASTER sends one more advert
 *                                 before it yields to a higher priority one
 * @param garpLowerPriorityDelaySeconds {@code garp_lower_prio_delay}: second GARP burst after a
 *                                      MASTER heard a lower priority advert; 0 for none
 * @param garpLowerPriorityRepeat {@code garp_lower_prio_repeat}: GARPs per VIP a MASTER sends
 *                                when it hears a lower priority advert; 0 for none
 * @param downTimerAdverts {@code down_timer_adverts}: the adverts in Master_Down_Interval, 1-100
 *                         (the RFCs' 3)
 * @param garpIntervalMicros {@code vrrp_garp_interval}: least time between two gratuitous ARPs
 *                           on one interface; 0 sends them back to back
 * @param gnaIntervalMicros {@code vrrp_gna_interval}: the same for unsolicited neighbour adverts
 */
public record ProtocolOptions(boolean skipCheckAdvertAddresses, boolean checkUnicastSource,
        boolean ownerIgnoresAdverts, boolean lowerPriorityNoAdvert, boolean higherPrioritySendAdvert,
        int garpLowerPriorityDelaySeconds, int garpLowerPriorityRepeat, int downTimerAdverts,
        int garpIntervalMicros, int gnaIntervalMicros) {

    public static final int DEFAULT_DOWN_TIMER_ADVERTS = 3;

    /** keepalived's defaults without global_defs (lower priority GARPs: the garp_master ones, 5 s and 5). */
    public static final ProtocolOptions KEEPALIVED_DEFAULTS = new ProtocolOptions(false, false, false, false, false,
            InstanceSettings.DEFAULT_GARP_MASTER_DELAY_SECONDS, InstanceSettings.DEFAULT_GARP_MASTER_REPEAT,
            DEFAULT_DOWN_TIMER_ADVERTS, 0, 0);

    public ProtocolOptions {
        require(garpLowerPriorityDelaySeconds >= 0, "garp_lower_prio_delay must not be negative");
        require(garpLowerPriorityRepeat >= 0, "garp_lower_prio_repeat must not be negative");
        require(downTimerAdverts >= 1 && downTimerAdverts <= 100,
                "down_timer_adverts must be 1-100, not " + downTimerAdverts);
        require(garpIntervalMicros >= 0, "garp interval must not be negative");
        require(gnaIntervalMicros >= 0, "gna interval must not be negative");
    }

    public ProtocolOptions withAdvertChecks(boolean skipCheckAddresses, boolean checkSource, boolean ownerIgnores) {
        return new ProtocolOptions(skipCheckAddresses, checkSource, ownerIgnores, lowerPriorityNoAdvert,
                higherPrioritySendAdvert, garpLowerPriorityDelaySeconds, garpLowerPriorityRepeat, downTimerAdverts,
                garpIntervalMicros, gnaIntervalMicros);
    }

    public ProtocolOptions withMasterReactions(boolean noAdvertToLower, boolean advertToHigher, int garpDelaySeconds,
            int garpRepeat) {
        return new ProtocolOptions(skipCheckAdvertAddresses, checkUnicastSource, ownerIgnoresAdverts, noAdvertToLower,
                advertToHigher, garpDelaySeconds, garpRepeat, downTimerAdverts, garpIntervalMicros, gnaIntervalMicros);
    }

    public ProtocolOptions withDownTimerAdverts(int adverts) {
        return new ProtocolOptions(skipCheckAdvertAddresses, checkUnicastSource, ownerIgnoresAdverts,
                lowerPriorityNoAdvert, higherPrioritySendAdvert, garpLowerPriorityDelaySeconds, garpLowerPriorityRepeat,
                adverts, garpIntervalMicros, gnaIntervalMicros);
    }

    public ProtocolOptions withAnnouncementIntervals(int garpMicros, int gnaMicros) {
        return new ProtocolOptions(skipCheckAdvertAddresses, checkUnicastSource, ownerIgnoresAdverts,
                lowerPriorityNoAdvert, higherPrioritySendAdvert, garpLowerPriorityDelaySeconds, garpLowerPriorityRepeat,
                downTimerAdverts, garpMicros, gnaMicros);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
