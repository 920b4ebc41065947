package dev.vigil.api;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of one running VRRP instance, registered as a service per instance with the
 * service property {@code vigil.instance} set to the instance name.
 */
@ProviderType
public interface VrrpRouter {

    /** Service property naming the instance, e.g. {@code VI_1}. */
    String INSTANCE_PROPERTY = "vigil.instance";

    String name();

    /** The interface adverts go out on; empty for a unicast instance without one (routed adverts). */
    String interfaceName();

    int virtualRouterId();

    /** 2 or 3. */
    int version();

    VrrpState state();

    /** When the current state was entered. */
    Instant stateSince();

    /** The configured priority. */
    int basePriority();

    /** The priority currently advertised (trackers applied). */
    int effectivePriority();

    /** This router's primary address on the interface, used in adverts and the tie-break. */
    InetAddress primaryAddress();

    /** The master's address as last seen, this router's own address while MASTER, or null. */
    InetAddress masterAddress();

    /** Configured virtual addresses, as {@code ADDR/LEN}. */
    List<String> virtualAddresses();

    /** Advert interval in centiseconds (for v3, the master's learned interval while BACKUP). */
    int advertIntervalCentis();

    /** Counters by RFC 6527 name (rcvdAdvertisements, ipTtlErrors, checksumErrors, ...). */
    Map<String, Long> counters();

    /** The last transitions, oldest first (a bounded history). */
    List<StateChange> transitions();

    /** The trackers that move this instance's priority, with what each adds now. */
    List<TrackerContribution> trackers();

    /** Why the instance is in FAULT (every active reason), empty otherwise. */
    List<String> faultReasons();

    /**
     * Maintenance: resign and stay out. A MASTER sends a priority-0 advert, releases its VIPs and
     * the instance stays in FAULT (reason "maintenance") until released, whatever its priority
     * or preempt setting; released, it returns as BACKUP and preempts again as configured.
     */
    void setMaintenance(boolean on);

    boolean maintenance();
}
