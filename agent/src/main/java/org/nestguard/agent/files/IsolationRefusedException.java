package org.nestguard.agent.files;

/** A file was not isolated and is still at its path; the message says why, for the DSL. */
public final class IsolationRefusedException extends Exception {
    public IsolationRefusedException(String message) {
        super(message);
    }
}
