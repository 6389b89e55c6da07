package org.nestguard.console.web;

import org.nestguard.console.store.StoredCommand;

/** A command sent to a device, as its page lists it: where it got to and what the agent said of it. */
public record CommandRow(StoredCommand command) {
    /** Waiting, sent, or the agent's outcome with its message. */
    public String outcome() {
        if (command.completedAt() == null) {
            return command.deliveredAt() == null ? "waiting for the device's next check-in"
                    : "sent to the device, no result yet";
        }
        if (command.result() == null) {
            return "completed";
        }
        String outcome = command.result().path("outcome").asText("completed");
        String message = command.result().path("message").asText("");
        return message.isBlank() ? outcome : outcome + ": " + message;
    }
}
