package org.nestguard.agent.service;

/**
 * The payload of a {@code command-result} event: which command, and whether it was carried out.
 *
 * @param outcome {@code done}, {@code failed} or {@code unsupported}
 * @param message what happened, in a sentence for technical staff
 */
public record CommandResult(String commandId, String type, String outcome, String message) {
}
