package org.nestguard.agent.history;

import java.util.Objects;

/**
 * What the agent remembers about one profile between collections.
 *
 * @param profile the profile
 * @param cursor  how far its visits have been collected
 * @param present whether discovery found it at the last collection; a profile that went keeps its cursor, so
 *                history that comes back (a home mounted again) is not collected twice
 * @param problem the reason it could not be read, already reported, or null when it was read
 * @param stamp   its files' state when a read left nothing waiting, so an unchanged database is not copied again;
 *                null when it must be read
 */
public record TrackedProfile(BrowserProfile profile, ProfileCursor cursor, boolean present, String problem,
                             ConsistentCopy.Stamp stamp) {
    public TrackedProfile {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(cursor, "cursor");
    }
}
