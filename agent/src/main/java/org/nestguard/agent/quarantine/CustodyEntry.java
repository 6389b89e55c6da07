package org.nestguard.agent.quarantine;

import java.time.Instant;
import java.util.Objects;

/**
 * One link in an item's device-side chain of custody: isolated, recovered after a crash, exported for the police.
 *
 * @param action what was done ({@code isolated}, {@code recovered}, {@code evidence-exported})
 * @param detail why and by what: the rule or the console command, the police reference
 */
public record CustodyEntry(Instant at, String action, String detail) {
    public CustodyEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }
}
