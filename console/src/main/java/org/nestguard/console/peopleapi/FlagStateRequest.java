package org.nestguard.console.peopleapi;

/**
 * A reviewer's decision on a flag: {@code {"state": "reviewed|false-positive|escalated", "reason": "...",
 * "concernReference": "..."}} (the reference only with escalated).
 */
public record FlagStateRequest(String state, String reason, String concernReference) {
}
