package org.nestguard.agent.service;

/**
 * How a check-in round ended.
 *
 * @param state         what the service should do next
 * @param message       why, when not {@link State#SENT}
 * @param checkNow      whether the console asked for a check cycle now
 * @param policyVersion the console's current policy version, or -1 when it was not reached
 */
public record UploadResult(State state, String message, boolean checkNow, int policyVersion) {
    /** The ends of a round. */
    public enum State { SENT, OFFLINE, REVOKED, REFUSED }

    static UploadResult sent(boolean checkNow, int policyVersion) {
        return new UploadResult(State.SENT, null, checkNow, policyVersion);
    }

    static UploadResult offline(String why, boolean checkNow) {
        return new UploadResult(State.OFFLINE, why, checkNow, -1);
    }

    static UploadResult revoked(String why) {
        return new UploadResult(State.REVOKED, why, false, -1);
    }

    static UploadResult refused(String why, boolean checkNow) {
        return new UploadResult(State.REFUSED, why, checkNow, -1);
    }
}
