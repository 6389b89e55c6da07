package org.nestguard.console.store;

/** What consuming an enrolment token came to, so the agent can be told exactly why it was refused. */
public enum TokenStatus {
    /** Accepted: one use taken. */
    ACCEPTED,
    /** No token has this secret (mistyped, or never issued by this console). */
    UNKNOWN,
    /** The token exists but all its uses are taken. */
    USED_UP,
    /** The token exists but its expiry has passed. */
    EXPIRED
}
