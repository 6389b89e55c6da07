package org.nestguard.agent.outbox;

/**
 * Whether the device is on hold ("quarantine any devices until police advice has been sought"): while it is,
 * nothing is deleted or purged, so the outbox keeps acknowledged events and drops none to make room.
 */
@FunctionalInterface
public interface RetentionHold {
    /** No hold: for tools and tests that have none. */
    RetentionHold NONE = () -> false;

    boolean active();
}
