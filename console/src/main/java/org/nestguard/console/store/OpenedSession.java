package org.nestguard.console.store;

/** A new session and the cookie value that names it, which exists only in the browser once sent. */
public record OpenedSession(WebSession session, String cookieValue) {
    @Override
    public String toString() {
        return "OpenedSession[" + session + ", cookieValue=<hidden>]";
    }
}
