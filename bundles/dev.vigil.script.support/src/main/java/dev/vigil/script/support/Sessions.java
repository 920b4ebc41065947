package dev.vigil.script.support;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ending a script together with everything it started. The launcher makes each script the
 * leader of a session of its own (setsid), so "everything it started" is every process of that
 * session, orphans included, found in /proc.
 */
public final class Sessions {

    /** keepalived waits 2 s after a SIGKILL before it says the script failed to terminate. */
    public static final long KILL_WAIT_MILLIS = 2000;
    private static final long REAP_RETRY_MILLIS = 100;
    private static final int REAP_RETRIES = 20;

    private Sessions() {
    }

    /**
     * Signals every process of the session {@code sid} and, while the leader is alive (should
     * setsid be missing), its descendants. The leader is passed as our own child, never looked
     * up by PID: once it is reaped its PID may belong to someone else. Returns how many were
     * signalled.
     */
    public static int signal(Process leader, long sid, boolean force) {
        Set<Long> targets = new LinkedHashSet<>(ProcFs.sessionMembers(sid));
        if (leader != null && leader.isAlive()) {
            targets.add(leader.pid());
            leader.descendants().forEach(d -> targets.add(d.pid()));
        }
        for (long pid : targets) {
            ProcFs.signal(pid, force);
        }
        return targets.size();
    }

    /**
     * Ends a script's session as keepalived ends a script past its timeout: SIGTERM, then SIGKILL
     * {@code termGraceMillis} later (at once when 0), then waits {@link #KILL_WAIT_MILLIS} more.
     * Whatever of the session outlives its leader is then killed too ({@link #reap}).
     *
     * @return false when the leader survived SIGKILL (stuck in the kernel)
     */
    public static boolean end(Process leader, long termGraceMillis) throws InterruptedException {
        long sid = leader.pid();
        boolean gone = false;
        if (termGraceMillis > 0) {
            signal(leader, sid, false);
            gone = leader.waitFor(termGraceMillis, TimeUnit.MILLISECONDS);
        }
        if (!gone) {
            signal(leader, sid, true);
            gone = leader.waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (gone) {
            reap(sid);
        }
        return gone;
    }

    /**
     * Kills what is left of session {@code sid} once its leader is gone (keepalived's
     * {@code kill(-pgid, SIGKILL)}), again every 100 ms while anything is, 20 times at most.
     */
    public static void reap(long sid) throws InterruptedException {
        for (int i = 0; i <= REAP_RETRIES && signal(null, sid, true) > 0; i++) {
            Thread.sleep(REAP_RETRY_MILLIS);
        }
    }
}
