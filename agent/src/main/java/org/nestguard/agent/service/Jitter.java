package org.nestguard.agent.service;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Spreads intervals by ±10% so a school's devices, started together, do not all call the console together. */
public final class Jitter {
    private final RandomGenerator random;

    public Jitter(RandomGenerator random) {
        this.random = random;
    }

    /** {@code interval} moved by up to a tenth either way. */
    public Duration spread(Duration interval) {
        long millis = interval.toMillis();
        long tenth = Math.max(1, millis / 10);
        return Duration.ofMillis(millis - tenth + random.nextLong(2 * tenth + 1));
    }

    /** A short random delay before the first cycle: soon after start, but not the same second on every device. */
    public Duration firstCycle() {
        return Duration.ofMillis(2_000 + random.nextLong(13_000));
    }
}
