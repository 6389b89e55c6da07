package org.nestguard.agent.service;

import java.time.Duration;

/** How long to wait before the next check-in while the console is unreachable: doubling, up to the normal interval. */
public final class Backoff {
    private static final Duration FIRST = Duration.ofSeconds(15);
    private Duration next = FIRST;

    /** The wait after another failed attempt, never more than {@code ceiling}. */
    public Duration failed(Duration ceiling) {
        Duration wait = next.compareTo(ceiling) > 0 ? ceiling : next;
        next = wait.multipliedBy(2);
        return wait;
    }

    /** Starts again from the shortest wait once the console answers. */
    public void reset() {
        next = FIRST;
    }
}
