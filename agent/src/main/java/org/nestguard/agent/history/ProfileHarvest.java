package org.nestguard.agent.history;

import java.util.List;
import java.util.Objects;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The new visits of one profile from one collection, oldest first.
 *
 * @param profile the profile they were read from
 * @param visits  the visits, never collected before (once the harvest is committed)
 */
public record ProfileHarvest(BrowserProfile profile, List<Visit> visits) {
    public ProfileHarvest {
        Objects.requireNonNull(profile, "profile");
        visits = List.copyOf(visits);
    }
}
