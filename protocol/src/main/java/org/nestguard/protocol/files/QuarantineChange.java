package org.nestguard.protocol.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Event {@value #TYPE}: something happened to a quarantine item on the device. Never dropped by the outbox.
 *
 * @param itemId    the item
 * @param action    what happened
 * @param item      the whole record when {@code action} is ISOLATED, else null
 * @param commandId the console command that caused it, or null when the agent isolated by policy
 * @param detail    what the DSL reads: where the file went back to, why isolation failed, ...
 */
public record QuarantineChange(String itemId, Action action, QuarantineItem item, String commandId, String detail) {
    public static final String TYPE = "quarantine";

    public QuarantineChange {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(action, "action");
        if (action == Action.ISOLATED && item == null) {
            throw new IllegalArgumentException("an ISOLATED change carries the item's record");
        }
    }

    /** What happened to the item. */
    public enum Action {
        /** Moved into the vault; the note is at its path. */
        @JsonProperty("isolated") ISOLATED,
        /** Could not be isolated (the file is where it was, and said why); the flag stands. */
        @JsonProperty("isolation-failed") ISOLATION_FAILED,
        /** Restored byte for byte to its path with its times. */
        @JsonProperty("released") RELEASED,
        /** Key and ciphertext destroyed after the DSL's two confirmations. */
        @JsonProperty("destroyed") DESTROYED,
        /** An evidence archive for the police was written and uploaded. */
        @JsonProperty("evidence-exported") EVIDENCE_EXPORTED,
        /** Found in the vault after a crash and finished or rolled back; detail says which. */
        @JsonProperty("recovered") RECOVERED
    }
}
