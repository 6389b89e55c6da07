package org.nestguard.agent.quarantine;

/**
 * Told after each durable step of isolation and release. Production passes {@link #NONE}; the crash test pauses
 * the vault at each step to kill it there.
 */
@FunctionalInterface
public interface VaultSteps {
    VaultSteps NONE = (itemId, step) -> { };

    void reached(String itemId, VaultStep step);
}
