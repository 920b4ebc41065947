package dev.vigil.net.internal;

/** The end of a netlink watch's thread, shared by the link and deletion monitors. */
final class WatchThreads {

    /** Ten of the watches' poll rounds (NetlinkLinkMonitor.POLL_MILLIS): a watch sees "closed" well within it. */
    private static final long JOIN_MILLIS = 2000;

    private WatchThreads() {
    }

    /** Waits (2 s at most) for {@code thread} to end, unless it is the caller: a listener may close its own watch. */
    static void awaitEnd(Thread thread) {
        if (Thread.currentThread() != thread && thread.isAlive()) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
