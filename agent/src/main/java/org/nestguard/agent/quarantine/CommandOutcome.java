package org.nestguard.agent.quarantine;

/** How a quarantine, hold or outing command ended, for its {@code command-result}: done or failed, and why. */
public record CommandOutcome(boolean done, String message) {
    static CommandOutcome done(String message) {
        return new CommandOutcome(true, message);
    }

    static CommandOutcome failed(String message) {
        return new CommandOutcome(false, message);
    }
}
