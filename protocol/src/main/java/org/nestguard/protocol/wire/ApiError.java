package org.nestguard.protocol.wire;

/**
 * Every refusal the console sends: a stable code a program can test, and a sentence for the person reading the
 * agent's log or command line that says what was wrong and what to do.
 */
public record ApiError(String code, String message) {
}
