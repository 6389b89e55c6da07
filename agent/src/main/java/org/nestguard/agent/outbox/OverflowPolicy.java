package org.nestguard.agent.outbox;

import java.util.Set;

/**
 * Which event types the outbox may drop when it is full. Only types whose content a later event repeats belong
 * here; everything else, including types this version does not know, is kept, so a flag, a quarantine or a command
 * result is never lost to the size bound.
 */
public record OverflowPolicy(Set<String> droppableTypes) {
    /** The event the outbox records when it has dropped events. */
    public static final String OVERFLOW_EVENT = "outbox-overflow";
    /** The event the outbox records when only undroppable events remain and it writes past its bound. */
    public static final String OVER_BOUND_EVENT = "outbox-over-bound";

    public OverflowPolicy {
        droppableTypes = Set.copyOf(droppableTypes);
    }

    /** Check results may be dropped: the next check cycle reports the same controls again. */
    public static OverflowPolicy standard() {
        return new OverflowPolicy(Set.of("check-result"));
    }

    public boolean droppable(String type) {
        return droppableTypes.contains(type);
    }
}
