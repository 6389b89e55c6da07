package org.nestguard.protocol.policy;

import java.time.Duration;

/**
 * How often the agent runs the checks and how often it checks in with the console. The agent spreads both with
 * jitter so a school's devices do not all report at the same second.
 *
 * @param checkEvery   time between check cycles, PT5M to P1D
 * @param checkInEvery time between check-ins when nothing new is waiting, PT30S to PT1H
 */
public record Schedule(Duration checkEvery, Duration checkInEvery) {
    /** Used when a policy has no {@code schedule}: hourly checks, check-ins every five minutes. */
    public static final Schedule DEFAULT = new Schedule(Duration.ofHours(1), Duration.ofMinutes(5));

    public Schedule {
        Fields.requireDuration("checkEvery", checkEvery, Duration.ofMinutes(5), Duration.ofDays(1), "PT1H");
        Fields.requireDuration("checkInEvery", checkInEvery, Duration.ofSeconds(30), Duration.ofHours(1), "PT5M");
    }
}
