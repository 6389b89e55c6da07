package org.nestguard.console.jobs;

import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.store.WebSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes web sessions that have ended (expired or idle too long) and sign-in failure counters that no longer
 * count, so the tables hold only what is live. {@code serve} runs it every 15 minutes; expiry itself does not
 * depend on it, since every request checks its session's limits.
 */
public final class SignInCleanupJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SignInCleanupJob.class);

    private final WebSessions sessions;
    private final SignInThrottle throttle;

    public SignInCleanupJob(WebSessions sessions, SignInThrottle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @Override
    public void run() {
        try {
            int ended = sessions.purgeEnded();
            int elapsed = throttle.purgeElapsed();
            if (ended + elapsed > 0) {
                LOG.info("Deleted {} ended web session(s) and {} elapsed sign-in failure counter(s)", ended, elapsed);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a request never relies on this job to refuse an ended session
            LOG.warn("Could not delete ended web sessions: {}", e.getMessage());
        }
    }
}
