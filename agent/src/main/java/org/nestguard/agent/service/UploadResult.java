package org.nestguard.agent.service;

/**
 * How a check-in round ended.
 *
 * @param state         what the service should do next
 * @param message       why, when not {@link State#SENT}
 * @param checkNow       whether the console asked for a check cycle now
 * @param collectHistory whether a command wants browser history collected soon (a self-test)
 * @param policyVersion  the console's current policy version, or -1 when it was not reached
 */
public record UploadResult(State state, String message, boolean checkNow, boolean collectHistory,
                           int policyVersion) {
    /** The ends of a round. */
    public enum State { SENT, OFFLINE, REVOKED, REFUSED }

    static UploadResult sent(boolean checkNow, boolean collectHistory, int policyVersion) {
        return new UploadResult(State.SENT, null, checkNow, collectHistory, policyVersion);
    }

    static UploadResult offline(String why, boolean checkNow, boolean collectHistory) {
        return new UploadResult(State.OFFLINE, why, checkNow, collectHistory, -1);
    }

    static UploadResult revoked(String why) {
        return new UploadResult(State.REVOKED, why, false, false, -1);
    }

    static UploadResult refused(String why, boolean checkNow, boolean collectHistory) {
        return new UploadResult(State.REFUSED, why, checkNow, collectHistory, -1);
    }
}
