package dev.vigil.api.notify;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Service: the state of every notifier's queue, for operators' tools. */
@ProviderType
public interface NotifierQueues {

    /**
     * @param name the notifier's {@link Notifier#NAME_PROPERTY}
     * @param bound whether a notifier service is there; false while its bundle is updated
     * @param queued waiting now
     * @param accepted ever queued
     * @param delivered {@link Notifier#deliver} returned normally
     * @param failed {@link Notifier#deliver} threw
     * @param dropped pushed out of a full queue, or still queued when the notifier went away
     *                for good
     */
    record QueueStatus(String name, boolean bound, int capacity, int queued, long accepted, long delivered,
            long failed, long dropped) {
    }

    List<QueueStatus> queues();
}
