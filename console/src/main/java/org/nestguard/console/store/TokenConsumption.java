package org.nestguard.console.store;

/** The outcome of presenting a token: its status and, when accepted, the setting the device enrols into. */
public record TokenConsumption(TokenStatus status, String settingId) {
    /** True when a use was taken and enrolment may go on. */
    public boolean accepted() {
        return status == TokenStatus.ACCEPTED;
    }
}
